// Annotation commands (issue 5): tag, remove, change label, accept, reject, accept all, next and
// previous suggestion, undo, save. Each takes optional arguments so it can be bound to keys and
// scripted: { uri?, offset?, position?, start?, end?, label? }; without them it works on the active
// editor's cursor or selection and asks for what it needs.
import * as vscode from 'vscode';
import type { Annotation } from '../core/annotations/model';
import type { AnnotationStore, DocState } from './annotations';
import type { GlossaryService } from './glossaryService';
import type { Sessions } from './sessions';
import { isEligible } from './config';
import { notify } from './log';
import { decisionsForAccept, decisionsForLabel, decisionsForRemoval, decisionsForTag, type DecidedSpan, type LearningDecision } from '../core/learning';

/** Where decisions go to be learned (learning.ts). */
export type Learn = (doc: vscode.Uri, decisions: LearningDecision[]) => void;

export interface AnnotationArgs {
  /** The document (default: the active editor's). */
  uri?: vscode.Uri | string;
  /** Cursor as a UTF-16 offset or a position (default: the active cursor). */
  offset?: number;
  position?: { line: number; character: number };
  /** Range to tag as UTF-16 offsets (default: the selection). */
  start?: number;
  end?: number;
  /** Label for tagSelection / changeLabel (default: ask). */
  label?: string;
}

/** What a command reports back (for scripts and tests). */
export interface AnnotationResult {
  start: number;
  end: number;
  label: string;
  state: Annotation['state'];
}

interface Target {
  doc: vscode.TextDocument;
  editor?: vscode.TextEditor;
  st: DocState;
  offset: number;
}

const result = (a: Annotation | undefined): AnnotationResult | undefined => (a ? { start: a.start, end: a.end, label: a.label, state: a.state } : undefined);

function flash(message: string): void {
  vscode.window.setStatusBarMessage(message, 4000);
}

/** The label QuickPick of the tagging commands: the built-in labels and the glossaries' categories. */
export async function pickLabelOf(glossary: GlossaryService, title: string, exclude?: string): Promise<string | undefined> {
  await glossary.ensureStarted();
  const items: (vscode.QuickPickItem & { value: string })[] = [
    { label: 'NUM', description: vscode.l10n.t('number'), value: 'NUM' },
    { label: 'ORG', description: vscode.l10n.t('organization'), value: 'ORG' },
    { label: 'TERM', description: vscode.l10n.t('policy term'), value: 'TERM' },
    ...glossary.current.glossary.categories.map((c) => ({ label: c.name, description: c.description ?? vscode.l10n.t('custom category'), value: c.name })),
  ].filter((i) => i.value !== exclude);
  return (await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a label') }))?.value;
}

export function registerAnnotationCommands(
  store: AnnotationStore,
  sessions: Sessions,
  glossary: GlossaryService,
  learnFrom: Learn = () => undefined,
): vscode.Disposable[] {
  async function target(args: AnnotationArgs | vscode.Uri | undefined): Promise<Target | undefined> {
    const a: AnnotationArgs = args instanceof vscode.Uri ? { uri: args } : args && typeof args === 'object' ? args : {};
    let doc: vscode.TextDocument | undefined;
    let editor: vscode.TextEditor | undefined;
    if (a.uri) {
      const uri = typeof a.uri === 'string' ? vscode.Uri.parse(a.uri) : a.uri;
      editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      doc = editor?.document ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
    } else {
      editor = vscode.window.activeTextEditor;
      doc = editor?.document;
    }
    if (!doc) {
      flash(vscode.l10n.t('Open a policy text first.'));
      return undefined;
    }
    if (!isEligible(doc)) {
      notify('info', vscode.l10n.t('Policy Annotator does not annotate this file (see the setting policyAnnotator.languages).'));
      return undefined;
    }
    // Annotations loaded and the current suggestions merged in.
    const st = (await sessions.ready(doc))?.annotations;
    if (!st) return undefined;
    const offset =
      typeof a.offset === 'number' ? a.offset : a.position ? doc.offsetAt(new vscode.Position(a.position.line, a.position.character)) : editor ? doc.offsetAt(editor.selection.active) : 0;
    return { doc, editor, st, offset };
  }

  const pickLabel = (title: string, exclude?: string) => pickLabelOf(glossary, title, exclude);

  function done(t: Target): void {
    store.changed(t.st);
  }

  const cmd = (id: string, fn: (args?: AnnotationArgs) => Promise<unknown>) => vscode.commands.registerCommand(`policyAnnotator.${id}`, fn);
  /** A command that applies `act` to the tag or suggestion at the cursor, or says none is there. */
  const atCursor = (id: string, act: (st: DocState, offset: number) => Annotation | undefined, none: () => string, teaches: (text: string, hit: DecidedSpan) => LearningDecision[]) =>
    cmd(id, async (args) => {
      const t = await target(args);
      if (!t) return undefined;
      const hit = act(t.st, t.offset);
      if (!hit) flash(none());
      else {
        done(t);
        learnFrom(t.doc.uri, teaches(t.doc.getText(), hit));
      }
      return result(hit);
    });

  return [
    cmd('tagSelection', async (args) => {
      const t = await target(args);
      if (!t) return undefined;
      let start = typeof args?.start === 'number' ? args.start : t.editor ? t.doc.offsetAt(t.editor.selection.start) : t.offset;
      let end = typeof args?.end === 'number' ? args.end : t.editor ? t.doc.offsetAt(t.editor.selection.end) : t.offset;
      const text = t.doc.getText();
      // Spaces at the ends of a selection are not part of a name or a number.
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      if (end <= start) {
        flash(vscode.l10n.t('Select the text to tag first.'));
        return undefined;
      }
      const label = args?.label ?? (await pickLabel(vscode.l10n.t('Tag “{0}” as', text.slice(start, end).slice(0, 40))));
      if (!label) return undefined;
      // The suggestions the tag will hide: tagging over one with other boundaries corrects it.
      const hidden = t.st.doc.suggestions().filter((s) => s.start < end && start < s.end && !(s.start === start && s.end === end && s.label === label));
      const { annotation, replaced } = t.st.doc.tag({ start, end }, label);
      done(t);
      learnFrom(t.doc.uri, decisionsForTag(text, annotation, [...replaced, ...hidden]));
      return result(annotation);
    }),

    atCursor('removeTag', (st, offset) => st.doc.remove(offset), () => vscode.l10n.t('No tag at the cursor.'), decisionsForRemoval),

    cmd('changeLabel', async (args) => {
      const t = await target(args);
      if (!t) return undefined;
      const current = t.st.doc.annotationAt(t.offset);
      if (!current) {
        flash(vscode.l10n.t('No tag at the cursor.'));
        return undefined;
      }
      const label = args?.label ?? (await pickLabel(vscode.l10n.t('Change the label of “{0}”', t.doc.getText().slice(current.start, current.end).slice(0, 40)), current.label));
      if (!label) return undefined;
      const changed = t.st.doc.changeLabel(t.offset, label);
      if (changed) {
        done(t);
        learnFrom(t.doc.uri, decisionsForLabel(t.doc.getText(), current, label));
      }
      return result(changed);
    }),

    atCursor('acceptSuggestion', (st, offset) => st.doc.accept(offset), () => vscode.l10n.t('No suggestion at the cursor.'), (text, hit) => decisionsForAccept(text, [hit])),

    // What a rejection teaches depends on what was there before (a manual tag removed teaches nothing).
    cmd('rejectSuggestion', async (args) => {
      const t = await target(args);
      if (!t) return undefined;
      const before = t.st.doc.annotationAt(t.offset);
      const hit = t.st.doc.reject(t.offset);
      if (!hit || !before) flash(vscode.l10n.t('No suggestion at the cursor.'));
      else {
        done(t);
        learnFrom(t.doc.uri, decisionsForRemoval(t.doc.getText(), before));
      }
      return result(hit);
    }),

    cmd('acceptAllInFile', async (args) => {
      const t = await target(args);
      if (!t) return 0;
      // Teaches nothing (docs/learning.md): a bulk confirmation of the engine's spans in the
      // contexts its rules chose is no judgement that each surface is right everywhere; learned,
      // it put a hundred context-free entries in the file and carried rule spans to contexts
      // where the rules had not fired (创新核 in the dev corpus).
      const n = t.st.doc.acceptAll();
      if (n > 0) {
        done(t);
        flash(vscode.l10n.t('Accepted {0} suggestions. Undo with “Policy Annotator: Undo Last Annotation Action”.', n));
      } else flash(vscode.l10n.t('No suggestions left in this file.'));
      return n;
    }),

    ...(['next', 'previous'] as const).map((dir) =>
      cmd(`${dir}Suggestion`, async (args) => {
        const t = await target(args);
        if (!t) return undefined;
        // From a selected suggestion, move on from its start (next) or stay before it (previous).
        const from = t.editor && !t.editor.selection.isEmpty && typeof args?.offset !== 'number' ? t.doc.offsetAt(t.editor.selection.start) : t.offset;
        const s = dir === 'next' ? t.st.doc.nextUnreviewed(from) : t.st.doc.previousUnreviewed(from);
        if (!s) {
          flash(vscode.l10n.t('No suggestions left in this file.'));
          return undefined;
        }
        const range = new vscode.Range(t.doc.positionAt(s.start), t.doc.positionAt(s.end));
        const editor = t.editor ?? (await vscode.window.showTextDocument(t.doc));
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return result(s);
      }),
    ),

    cmd('undo', async (args) => {
      const t = await target(args);
      if (!t) return undefined;
      const op = t.st.doc.undo();
      if (!op) flash(vscode.l10n.t('No annotation action to undo.'));
      else done(t);
      return op;
    }),

    cmd('save', async (args) => {
      const t = await target(args);
      if (!t) return false;
      if (t.doc.isDirty) await t.doc.save();
      return store.write(t.st);
    }),
  ];
}
