// "Tag all occurrences" (issue 16): from a selection, tag every occurrence of its surface in the
// file or in the workspace's policy texts, after a preview the annotator can uncheck, as one step
// that one undo takes back everywhere. Which occurrences, and which of them a batch may tag, is the
// core's (src/core/corpus/occurrences.ts); this file finds the files, shows the preview, and puts
// the tags into open documents (their sessions, saved by the annotation store) and into the
// sidecars of files that are not open (through the sidecar store: atomic writes, refused sidecars
// never touched).
import * as vscode from 'vscode';
import { AnnotatedDocument } from '../core/annotations/document';
import { createEngine, type Engine } from '../core/engine';
import { findOccurrences, placesOf, planTagAll, type OccurrencePlace, type OccurrenceRange, type SkipReason } from '../core/corpus/occurrences';
import { compactView } from '../core/text/compact';
import { decodeText } from '../core/files/decode';
import type { AnnotationStore, DocState } from './annotations';
import type { GlossaryService } from './glossaryService';
import type { Sessions } from './sessions';
import { pickLabelOf, type Learn } from './annotationCommands';
import { isEligible } from './config';
import { defaultAuthor } from './docState';
import { logError, notify } from './log';
import { parentOf, readSidecarAt, relativePath, sidecarUriFor, writeAtomically } from './sidecarFiles';
import { workspacePolicyTexts } from './workspaceTexts';

export interface TagAllArgs {
  /** The document of the selection (default: the active editor's). */
  uri?: vscode.Uri | string;
  /** The selected range as UTF-16 offsets (default: the selection). */
  start?: number;
  end?: number;
  /** Label (default: ask). */
  label?: string;
  /** This file or every policy text of the workspace (default: ask). */
  scope?: 'file' | 'workspace';
  /** false: tag every occurrence without the preview (scripts, tests). */
  preview?: boolean;
  /** Only compute the preview; tag nothing. */
  dryRun?: boolean;
}

/** One occurrence as the preview lists it. */
export interface TagAllOccurrence extends OccurrencePlace {
  uri: string;
  /** Workspace-relative path. */
  path: string;
}

/** What the command did (for scripts and tests). */
export interface TagAllResult {
  surface: string;
  label: string;
  scope: 'file' | 'workspace';
  /** The occurrences offered in the preview (not tagged yet, not skipped). */
  occurrences: TagAllOccurrence[];
  /** Occurrences left alone (already tagged, rejected) and files not touched (refused sidecar, unreadable, changed meanwhile). */
  skipped: { path: string; line?: number; reason: SkipReason | 'refused' | 'unreadable' | 'changed' }[];
  /** Tags added, and in how many files. */
  tagged: number;
  files: number;
}

/** One file of a batch: an open document (its own undo step) or a sidecar written directly. */
type BatchFile =
  | { kind: 'open'; uri: vscode.Uri; doc: AnnotatedDocument }
  | { kind: 'closed'; uri: vscode.Uri; sidecar: vscode.Uri; before?: string; after: string; documentPath: string };

interface Batch {
  surface: string;
  label: string;
  files: BatchFile[];
  undone: boolean;
}

/** A file with occurrences, as planned before the preview. */
interface FilePlan {
  uri: vscode.Uri;
  path: string;
  text: string;
  st?: DocState;
  /** Files that are not open: the document built from the text and its sidecar, and that sidecar. */
  closed?: { doc: AnnotatedDocument; sidecar: vscode.Uri; before?: string; documentPath: string };
  places: OccurrencePlace[];
}

const UNDO_KEPT = 20;

/** `learnFrom` hears the batch as one tag of its surface (learning.ts): tagging every occurrence
 *  says the surface is that label wherever it stands. Undoing the batch teaches nothing back. */
export function registerTagAllCommands(store: AnnotationStore, sessions: Sessions, glossary: GlossaryService, learnFrom: Learn = () => undefined): vscode.Disposable[] {
  const batches: Batch[] = [];
  /** Per open document: which of its undo steps are batches (null: any other decision), to undo a batch with it. */
  const steps = new WeakMap<AnnotatedDocument, (Batch | null)[]>();

  function follow(doc: AnnotatedDocument): (Batch | null)[] {
    let stack = steps.get(doc);
    if (stack) return stack;
    const s: (Batch | null)[] = (stack = []);
    steps.set(doc, s);
    doc.onDidChange((e) => {
      if (e.operation === 'merge' || e.operation === 'edit') return;
      if (e.operation !== 'undo') {
        s.push(null);
        return;
      }
      const top = s.pop();
      // The extension's undo in one file of a batch takes the batch back in every file.
      if (top && e.undone === 'tagAll' && !top.undone) void undoBatch(top, doc).then(report);
    });
    return s;
  }

  const openDocument = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());

  async function stateOf(uri: vscode.Uri): Promise<DocState | undefined> {
    const doc = openDocument(uri);
    if (!doc || !isEligible(doc)) return undefined;
    // Annotations loaded and the current suggestions merged in, so that tagging one exactly accepts it.
    return (await sessions.ready(doc))?.annotations;
  }

  async function policyTexts(scope: 'file' | 'workspace', current: vscode.Uri): Promise<vscode.Uri[]> {
    if (scope === 'file') return [current];
    const all = await workspacePolicyTexts();
    // The file of the selection, even where the walker does not look (a file outside the folders).
    return all.some((u) => u.toString() === current.toString()) ? all : [current, ...all];
  }

  /** The occurrences of every file, planned against its annotations as they are now. */
  async function plan(uris: readonly vscode.Uri[], surface: string, label: string, result: TagAllResult): Promise<FilePlan[]> {
    let engine: Engine | undefined;
    const plans: FilePlan[] = [];
    for (const uri of uris) {
      const path = vscode.workspace.asRelativePath(uri);
      const st = await stateOf(uri);
      let text: string;
      if (st) {
        if (st.refused) {
          if (findOccurrences(st.doc.text, surface).length > 0) result.skipped.push({ path, reason: 'refused' });
          continue;
        }
        text = st.doc.text;
      } else {
        let decoded;
        try {
          decoded = decodeText(await vscode.workspace.fs.readFile(uri));
        } catch (e) {
          logError(`tag all: reading ${path}`, e);
          result.skipped.push({ path, reason: 'unreadable' });
          continue;
        }
        if (!decoded.ok) continue; // not a text: no occurrence
        text = decoded.text;
      }
      const found = findOccurrences(text, surface);
      if (found.length === 0) continue;
      const p: FilePlan = { uri, path, text, places: [] };
      let annotations;
      if (st) {
        p.st = st;
        annotations = st.doc.all();
      } else {
        const sidecar = sidecarUriFor(uri);
        const read = sidecar ? await readSidecarAt(sidecar) : undefined;
        if (!sidecar || !read || read.kind === 'refused') {
          result.skipped.push({ path, reason: 'refused' });
          continue;
        }
        const options = { author: defaultAuthor(uri) };
        const doc = read.kind === 'read' ? AnnotatedDocument.fromSidecar(text, read.parsed, options).document : new AnnotatedDocument(text, [], options);
        // The engine's suggestions, so that tagging one exactly accepts it, as in an open editor.
        engine ??= createEngine(glossary.current);
        doc.merge(engine.tag(text));
        const documentPath = relativePath(parentOf(sidecar).path, uri.path);
        p.closed = { doc, sidecar, before: read.kind === 'read' ? read.content : undefined, documentPath };
        annotations = doc.all();
      }
      const planned = planTagAll(annotations, found, label);
      placesOf(text, planned.skipped).forEach((s, i) => result.skipped.push({ path, line: s.line, reason: planned.skipped[i].reason }));
      p.places = placesOf(text, planned.tag);
      for (const o of p.places) result.occurrences.push({ ...o, uri: uri.toString(), path });
      if (p.places.length > 0) plans.push(p);
    }
    return plans;
  }

  /** The preview: every occurrence checked; returns the ones still checked (undefined: cancelled). */
  async function preview(r: TagAllResult): Promise<Set<TagAllOccurrence> | undefined> {
    const files = new Set(r.occurrences.map((o) => o.uri)).size;
    const items = r.occurrences.map((o) => ({ label: `${o.path}:${o.line}`, description: o.context, picked: true, occurrence: o }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      ignoreFocusOut: true,
      matchOnDescription: true,
      title: vscode.l10n.t('Tag “{0}” as {1}: {2} occurrence(s) in {3} file(s)', r.surface, r.label, r.occurrences.length, files),
      placeHolder: vscode.l10n.t('Uncheck the occurrences not to tag, then press Enter. Skipped: {0} (already tagged or rejected).', r.skipped.length),
    });
    return picked && new Set(picked.map((i) => i.occurrence));
  }

  async function apply(plans: readonly FilePlan[], chosen: Set<TagAllOccurrence> | undefined, r: TagAllResult): Promise<Batch | undefined> {
    const batch: Batch = { surface: r.surface, label: r.label, files: [], undone: false };
    const byFile = new Map<string, OccurrenceRange[]>();
    for (const o of r.occurrences) if (!chosen || chosen.has(o)) byFile.set(o.uri, [...(byFile.get(o.uri) ?? []), o]);
    for (const p of plans) {
      const ranges = byFile.get(p.uri.toString());
      if (!ranges) continue;
      if (p.st) {
        // The document may have been edited or reloaded while the preview was open.
        if (store.get(openDocument(p.uri)!) !== p.st || p.st.doc.text !== p.text || p.st.refused) {
          r.skipped.push({ path: p.path, reason: 'changed' });
          continue;
        }
        const stack = follow(p.st.doc);
        const n = p.st.doc.tagAll(ranges, r.label).length;
        if (n === 0) continue;
        r.tagged += n;
        stack[stack.length - 1] = batch; // the step tagAll just pushed is this batch
        batch.files.push({ kind: 'open', uri: p.uri, doc: p.st.doc });
        store.changed(p.st);
      } else if (p.closed) {
        const now = await readSidecarAt(p.closed.sidecar);
        if (now.kind === 'refused' || (now.kind === 'read' ? now.content : undefined) !== p.closed.before) {
          r.skipped.push({ path: p.path, reason: now.kind === 'refused' ? 'refused' : 'changed' });
          continue;
        }
        const n = p.closed.doc.tagAll(ranges, r.label).length;
        const after = p.closed.doc.serialize(p.closed.documentPath);
        try {
          await writeAtomically(p.closed.sidecar, after);
        } catch (e) {
          logError(`tag all: saving ${vscode.workspace.asRelativePath(p.closed.sidecar)}`, e);
          notify('error', vscode.l10n.t('Could not save the annotations of {0}: {1}', p.path, (e as Error).message));
          continue;
        }
        r.tagged += n;
        batch.files.push({ kind: 'closed', uri: p.uri, sidecar: p.closed.sidecar, before: p.closed.before, after, documentPath: p.closed.documentPath });
      }
    }
    r.files = batch.files.length;
    if (batch.files.length === 0) return undefined;
    batches.push(batch);
    if (batches.length > UNDO_KEPT) batches.shift();
    return batch;
  }

  /** Undoes a batch in every file it touched (but `done`, where it was undone already); returns the files it could not undo. */
  async function undoBatch(batch: Batch, done?: AnnotatedDocument): Promise<{ batch: Batch; undone: number; notUndone: string[] }> {
    batch.undone = true;
    const i = batches.indexOf(batch);
    if (i >= 0) batches.splice(i, 1);
    let undone = 0;
    const notUndone: string[] = [];
    for (const f of batch.files) {
      const path = vscode.workspace.asRelativePath(f.uri);
      if (f.kind === 'open') {
        if (f.doc === done) {
          undone++;
          continue;
        }
        const stack = steps.get(f.doc);
        const doc = openDocument(f.uri);
        const st = doc && store.get(doc);
        // Only while the batch is the file's last decision and the file still holds that document.
        if (st?.doc !== f.doc || stack?.[stack.length - 1] !== batch) {
          notUndone.push(path);
          continue;
        }
        f.doc.undo();
        store.changed(st);
        undone++;
        continue;
      }
      try {
        const now = await readSidecarAt(f.sidecar);
        if (now.kind !== 'read' || now.content !== f.after) {
          notUndone.push(path); // changed since (or refused): left as it is
          continue;
        }
        if (f.before !== undefined) await writeAtomically(f.sidecar, f.before);
        else if (openDocument(f.uri) && store.get(openDocument(f.uri)!)) {
          // Opened since, from the batch's sidecar: an empty one makes the editor read it again.
          await writeAtomically(f.sidecar, new AnnotatedDocument(openDocument(f.uri)!.getText()).serialize(f.documentPath));
        } else await vscode.workspace.fs.delete(f.sidecar, { useTrash: false });
        undone++;
      } catch (e) {
        logError(`undoing tag all in ${path}`, e);
        notUndone.push(path);
      }
    }
    return { batch, undone, notUndone };
  }

  function report(u: { batch: Batch; undone: number; notUndone: string[] }): void {
    const message = vscode.l10n.t('Undid tagging “{0}” as {1} in {2} file(s).', u.batch.surface, u.batch.label, u.undone);
    if (u.notUndone.length === 0) vscode.window.setStatusBarMessage(message, 4000);
    else notify('warning', `${message} ${vscode.l10n.t('Not undone, changed since: {0}', u.notUndone.join(', '))}`);
  }

  async function tagAll(arg?: TagAllArgs | vscode.Uri): Promise<TagAllResult | undefined> {
    const args: TagAllArgs = arg instanceof vscode.Uri ? { uri: arg } : arg && typeof arg === 'object' ? arg : {};
    const uri = args.uri ? (typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri) : vscode.window.activeTextEditor?.document.uri;
    const doc = uri && (openDocument(uri) ?? (await vscode.workspace.openTextDocument(uri)));
    if (!uri || !doc || !isEligible(doc)) {
      notify('info', vscode.l10n.t('Open a policy text first.'));
      return undefined;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const start = args.start ?? (editor ? doc.offsetAt(editor.selection.start) : 0);
    const end = args.end ?? (editor ? doc.offsetAt(editor.selection.end) : 0);
    // Whitespace is no part of a surface: PDF line breaks inside a name are matched across.
    const surface = compactView(doc.getText().slice(start, end)).text;
    if (surface === '') {
      vscode.window.setStatusBarMessage(vscode.l10n.t('Select the text to tag first.'), 4000);
      return undefined;
    }
    const label = args.label ?? (await pickLabelOf(glossary, vscode.l10n.t('Tag all occurrences of “{0}” as', surface.slice(0, 40))));
    if (!label) return undefined;
    const scope = args.scope ?? (await pickScope());
    if (!scope) return undefined;
    await glossary.ensureStarted();
    await glossary.idle();
    const r: TagAllResult = { surface, label, scope, occurrences: [], skipped: [], tagged: 0, files: 0 };
    const plans = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Looking for “{0}”…', surface) }, async () =>
      plan(await policyTexts(scope, uri), surface, label, r),
    );
    if (args.dryRun) return r;
    if (r.occurrences.length === 0) {
      notify('info', vscode.l10n.t('No occurrence of “{0}” left to tag. Skipped: {1} (already tagged or rejected).', surface, r.skipped.length));
      return r;
    }
    const chosen = args.preview === false ? undefined : await preview(r);
    if (args.preview !== false && !chosen) return undefined;
    const batch = await apply(plans, chosen, r);
    if (!batch) return r;
    learnFrom(uri, [{ kind: 'tag', surface, label }]);
    const undo = vscode.l10n.t('Undo');
    const message = vscode.l10n.t('Tagged {0} occurrence(s) of “{1}” as {2} in {3} file(s). Skipped: {4}.', r.tagged, surface, label, r.files, r.skipped.length);
    void vscode.window.showInformationMessage(message, undo).then(async (pick) => {
      if (pick === undo && !batch.undone) report(await undoBatch(batch));
    });
    return r;
  }

  async function pickScope(): Promise<'file' | 'workspace' | undefined> {
    const items = [
      { label: vscode.l10n.t('This file'), value: 'file' as const },
      { label: vscode.l10n.t('All policy texts in the workspace'), description: vscode.l10n.t('.txt and .md files; those not open get the tags in their sidecars'), value: 'workspace' as const },
    ];
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Where to tag') }))?.value;
  }

  return [
    vscode.commands.registerCommand('policyAnnotator.tagAllOccurrences', tagAll),
    vscode.commands.registerCommand('policyAnnotator.undoTagAllOccurrences', async () => {
      const last = batches[batches.length - 1];
      if (!last) {
        vscode.window.setStatusBarMessage(vscode.l10n.t('No tag-all batch to undo.'), 4000);
        return undefined;
      }
      const u = await undoBatch(last);
      report(u);
      return { undone: u.undone, notUndone: u.notUndone };
    }),
  ];
}
