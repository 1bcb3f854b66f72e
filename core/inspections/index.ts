export * from './board.js';
export * from './states.js';
export * from './tags.js';
