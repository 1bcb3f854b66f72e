export * from './compliance.js';
export * from './record.js';
export * from './types.js';
