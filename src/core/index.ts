// Public surface of the core (no vscode import anywhere below src/core).
export * from './types';
export * from './engine';
export * from './text/offsets';
export * from './glossary/load';
export * from './glossary/glossary';
export * from './glossary/matcher';
export * from './annotations/model';
export * from './annotations/resolve';
