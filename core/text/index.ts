export { compareVi, sortVi, vietnameseCollator } from './collate.js';
export { foldedWords, foldVietnamese, matchesFolded, normalizeVietnamese, stripVietnameseMarks } from './fold.js';
