// Learning from the annotator's decisions (docs/learning.md): the model (model.ts), the learned
// file (file.ts), what editing operations teach (decisions.ts) and the replay that measures it
// (simulate.ts). Importers use this folder.
export * from './model';
export * from './file';
export * from './decisions';
