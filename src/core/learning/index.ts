// Learning from the annotator's decisions (docs/learning.md): the model (model.ts), the learned
// file (file.ts) and the replay that measures it (simulate.ts). Importers use this folder.
export * from './model';
export * from './file';
