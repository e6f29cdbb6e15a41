// The engine room: the one engine call (engine.ts) and the ways to run it on parts of a text —
// re-tagging after an edit (retag.ts), tagging in slices (slices.ts) — which depend on the engine
// only through its contracts (types.ts). Importers use this folder, not its files.
export * from './types';
export * from './engine';
export { retag, IncrementalTagger, type RetagResult } from './retag';
export { defaultContext, type RetagOptions } from './windows';
export { tagInSlices, type SliceOptions, type SliceUpdate } from './slices';
