// Policy Annotator for VS Code: a thin adapter over src/core. `activate` only wires the services
// together: the glossaries (glossaryService.ts), one registry of document sessions (sessions.ts)
// that the tagger (when to tag) and the annotation store (sidecars) work on, what the editor shows
// (editorView.ts), the "Policy Corpus" view (corpusView.ts), the commands, and the API (api.ts).
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { GlossaryService } from './glossaryService';
import { Tagger } from './tagger';
import { AnnotationStore } from './annotations';
import { Sessions } from './sessions';
import { EditorView } from './editorView';
import { addSelectionToGlossary, type AddToGlossaryArgs } from './commands';
import { registerAnnotationCommands } from './annotationCommands';
import { registerExportCommands } from './exportCommands';
import { LearningService } from './learning';
import type { LearningDecision } from '../core/learning';
import { registerLearningCommands } from './learningCommands';
import { registerTagAllCommands } from './tagAllOccurrences';
import { registerCorpusView } from './corpusView';
import { createApi, type PolicyAnnotatorApi } from './api';
import { disposeLog } from './log';

export type { ApiAnnotation, PolicyAnnotatorApi } from './api';
export { LARGE_SPAN_COUNT, visibleWindow } from './editorView';

let activeStore: AnnotationStore | undefined;

export function activate(context: vscode.ExtensionContext): PolicyAnnotatorApi {
  // Pure modules (present.ts) translate with @vscode/l10n; give it VS Code's bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });

  const glossary = new GlossaryService();
  // Registers the learned files as the glossary's last layers before anything compiles.
  const learning = new LearningService(glossary);
  const sessions = new Sessions();
  const tagger = new Tagger(glossary, sessions);
  const store = new AnnotationStore(sessions);
  const view = new EditorView(context.workspaceState, glossary, tagger, sessions);
  activeStore = store;
  context.subscriptions.push(glossary, learning, store, tagger, sessions, view);
  const corpus = registerCorpusView(glossary, sessions);
  const learnFrom = (doc: vscode.Uri, decisions: LearningDecision[]) => learning.record(doc, decisions);
  context.subscriptions.push(...corpus.disposables);

  context.subscriptions.push(
    vscode.commands.registerCommand('policyAnnotator.toggleFile', (arg?: vscode.Uri) => view.toggle(arg)),
    vscode.commands.registerCommand('policyAnnotator.reloadGlossaries', () => glossary.restart()),
    vscode.commands.registerCommand('policyAnnotator.revealSpan', async (uri: vscode.Uri, start: number, end: number) => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
      const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    ...registerAnnotationCommands(store, sessions, glossary, learnFrom),
    ...registerLearningCommands(learning),
    ...registerExportCommands({ sessions, tagger, glossary }),
    ...registerTagAllCommands(store, sessions, glossary, learnFrom),
    vscode.commands.registerCommand('policyAnnotator.addToGlossary', (args?: AddToGlossaryArgs) =>
      // From a menu the first argument is the editor's Uri; only a plain object carries options.
      addSelectionToGlossary(glossary, args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {}),
    ),
  );

  context.subscriptions.push({ dispose: disposeLog });
  view.showVisible();
  return createApi({ glossary, sessions, tagger, store, view, learning, corpus: corpus.view });
}

export async function deactivate(): Promise<void> {
  // Decisions not yet in a sidecar are written before the host goes away; the rest is disposed
  // through context.subscriptions.
  await activeStore?.flushAll();
  activeStore = undefined;
}
