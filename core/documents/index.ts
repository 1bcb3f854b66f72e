/**
 * Official documents per Decree 30/2020/NĐ-CP (see README.md): the document model, the formatting rules
 * and the plan and report builders. Pure; rendering to DOCX/PDF lives in server/documents.
 */
export * from './format.js';
export * from './model.js';
export * from './plan.js';
export * from './report.js';
export * from './text.js';
