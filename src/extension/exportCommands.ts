// "Export This File…" and "Export Folder or Workspace…" (issue 6, item 3): ask the format, whether
// to include unreviewed suggestions and the target folder (defaults from the policyAnnotator.export.*
// settings), export with the core exporters (exportRunner.ts), and report a summary. Folder exports
// run under a cancellable progress notification; a cancelled export writes no collection file and
// says which document files it had already written. Every argument is optional, so keybindings,
// scripts and tests can skip the prompts:
//   executeCommand('policyAnnotator.exportFolder', { folder, format, includeSuggestions, target, token })
import * as vscode from 'vscode';
import { FORMAT_NAMES, type FormatName } from '../core/formats/common';
import { isFormatName } from '../core/formats/registry';
import { orderLabels } from '../core/labels';
import { totalSpans, type ExportSummary } from '../core/formats/export-run';
import { collectExportTasks, ExportSession, baseName, isWithin, type ExportRunResult, type ExportServices, type ExportTask } from './exportRunner';
import { exists } from './sidecarFiles';
import { logError, notify } from './log';

export type { ExportRunResult } from './exportRunner';

/** Arguments of both commands (all optional; what is missing is asked for). */
export interface ExportArgs {
  format?: FormatName;
  includeSuggestions?: boolean;
  /** Target folder (a Uri, or a URI string). */
  target?: vscode.Uri | string;
  /** exportFile: the document (default: the active editor's). */
  uri?: vscode.Uri | string;
  /** exportFolder: the folder(s) to export (default: the workspace folder, or a choice among several). */
  folder?: vscode.Uri | string | readonly (vscode.Uri | string)[];
  /** Cancels the export like the notification's Cancel button (for scripts and tests). */
  token?: vscode.CancellationToken;
  /** Called after each file of a folder export with the files done and found (for scripts and tests). */
  onProgress?: (done: number, total: number) => void;
}

const SECTION = 'policyAnnotator.export';

interface ExportDefaults {
  format: FormatName;
  includeSuggestions: boolean;
  /** Workspace-relative folder, or undefined (unset or not a safe relative path). */
  targetFolder?: string;
}

function readDefaults(scope?: vscode.Uri): ExportDefaults {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const format = c.get<string>('format', 'native');
  const folder = c.get<string>('targetFolder', '')?.trim().replace(/\\/g, '/').replace(/\/+$/, '');
  const safe = folder && !folder.startsWith('/') && !/^[a-z]:/i.test(folder) && !folder.split('/').includes('..') ? folder : undefined;
  return { format: isFormatName(format) ? format : 'native', includeSuggestions: c.get<boolean>('includeSuggestions', false) === true, targetFolder: safe };
}

const toUri = (u: vscode.Uri | string): vscode.Uri => (typeof u === 'string' ? vscode.Uri.parse(u) : u);

/** Arguments from a call: an options object, or the Uri (and selection) a menu passes. */
function argsOf(arg: unknown, selection: unknown, key: 'uri' | 'folder'): ExportArgs {
  if (arg instanceof vscode.Uri) {
    const all = Array.isArray(selection) && selection.length > 1 && selection.every((u) => u instanceof vscode.Uri) ? (selection as vscode.Uri[]) : undefined;
    return key === 'folder' ? { folder: all ?? arg } : { uri: arg };
  }
  return arg && typeof arg === 'object' ? (arg as ExportArgs) : {};
}

function formatDescription(f: FormatName): string {
  switch (f) {
    case 'native':
      return vscode.l10n.t('JSON Lines: text, spans with code point offsets, states and number values (documents.jsonl)');
    case 'doccano':
      return vscode.l10n.t('doccano sequence labelling JSONL (doccano.jsonl)');
    case 'label-studio':
      return vscode.l10n.t('Label Studio tasks and labelling config (tasks.json, label-config.xml)');
    case 'brat':
      return vscode.l10n.t('brat standoff: .txt and .ann per document, annotation.conf');
    case 'conll':
      return vscode.l10n.t('character-level CoNLL with BIO tags, a .conll file per document');
  }
}

async function askFormat(defaults: ExportDefaults): Promise<FormatName | undefined> {
  const order = [defaults.format, ...FORMAT_NAMES.filter((f) => f !== defaults.format)];
  const items = order.map((f) => ({ label: f, description: f === defaults.format ? vscode.l10n.t('default') : undefined, detail: formatDescription(f), value: f }));
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export format'), placeHolder: vscode.l10n.t('Choose the dataset format'), ignoreFocusOut: true }))?.value;
}

async function askSuggestions(defaults: ExportDefaults): Promise<boolean | undefined> {
  const reviewed = { label: vscode.l10n.t('Reviewed annotations only'), detail: vscode.l10n.t('Manual and accepted spans. Files nobody reviewed export the engine’s suggestions.'), value: false };
  const all = { label: vscode.l10n.t('Also unreviewed suggestions'), detail: vscode.l10n.t('Manual and accepted spans plus the engine’s suggestions. Rejected spans are never exported.'), value: true };
  const items = defaults.includeSuggestions ? [all, reviewed] : [reviewed, all];
  items[0] = { ...items[0], description: vscode.l10n.t('default') } as typeof items[0];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which annotations to export'), ignoreFocusOut: true }))?.value;
}

async function askTarget(defaults: ExportDefaults, near: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const ws = (near && vscode.workspace.getWorkspaceFolder(near)) ?? vscode.workspace.workspaceFolders?.[0];
  let defaultUri = ws?.uri;
  if (ws && defaults.targetFolder) {
    const configured = vscode.Uri.joinPath(ws.uri, defaults.targetFolder);
    if (await exists(configured)) defaultUri = configured;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri,
    openLabel: vscode.l10n.t('Export Here'),
    title: vscode.l10n.t('Target folder of the export'),
  });
  return picked?.[0];
}

/** Format, suggestions and target: from the arguments, else asked (with the settings as defaults). */
async function resolvePlan(args: ExportArgs, near: vscode.Uri | undefined): Promise<{ format: FormatName; includeSuggestions: boolean; target: vscode.Uri } | undefined> {
  const defaults = readDefaults(near);
  if (args.format !== undefined && !isFormatName(args.format)) {
    notify('error', vscode.l10n.t('Unknown export format {0}. Use one of: {1}.', String(args.format), FORMAT_NAMES.join(', ')));
    return undefined;
  }
  const format = args.format ?? (await askFormat(defaults));
  if (!format) return undefined;
  const includeSuggestions = typeof args.includeSuggestions === 'boolean' ? args.includeSuggestions : await askSuggestions(defaults);
  if (includeSuggestions === undefined) return undefined;
  const target = args.target ? toUri(args.target) : await askTarget(defaults, near);
  if (!target) return undefined;
  return { format, includeSuggestions, target };
}

function spansText(s: ExportSummary): string {
  const labels = orderLabels(Object.keys(s.spansPerLabel)).filter((l) => s.spansPerLabel[l] !== undefined);
  if (!labels.length) return vscode.l10n.t('no spans');
  return vscode.l10n.t('{0} (total {1})', labels.map((l) => `${l} ${s.spansPerLabel[l]}`).join(', '), totalSpans(s));
}

/** The full report for the output channel: counts, every skipped file with its reason, warnings, every document. */
function details(r: ExportRunResult, what: string): string {
  const s = r.summary;
  const lines = [
    `[${new Date().toLocaleString()}] ${what}`,
    vscode.l10n.t('Format: {0}; target folder: {1}', r.format, r.target.scheme === 'file' ? r.target.fsPath : r.target.toString()),
    vscode.l10n.t('Files: {0}; exported: {1} (from sidecars: {2}, from the engine: {3}, from open editors: {4}); time: {5} s', s.files, s.exported, s.fromSidecar, s.fromEngine, s.fromEditor, s.seconds.toFixed(1)),
    vscode.l10n.t('Spans: {0}', spansText(s)),
  ];
  if (r.cancelled) lines.push(vscode.l10n.t('CANCELLED after {0} of {1} file(s).', r.processed, r.total));
  if (r.error) lines.push(vscode.l10n.t('FAILED: {0}', r.error));
  lines.push(vscode.l10n.t('Skipped: {0}', s.skipped.length), ...s.skipped.map((k) => `  ${k.path}: ${k.reason}`));
  if (s.warnings.length) lines.push(vscode.l10n.t('Warnings: {0}', s.warnings.length), ...s.warnings.map((w) => `  ${w}`));
  lines.push(vscode.l10n.t('Written: {0} file(s)', r.written.length));
  if (r.documents.length) lines.push(vscode.l10n.t('Documents:'), ...r.documents.map((d) => `  ${d.id} ← ${d.path} (${d.source}, ${d.spans})`));
  return lines.join('\n') + '\n';
}

export function registerExportCommands(services: ExportServices): vscode.Disposable[] {
  let channel: vscode.OutputChannel | undefined;
  const output = () => (channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Policy Annotator Export')));

  /** Shows the summary without waiting for it (the command returns at once); details go to the output channel. */
  function report(r: ExportRunResult, what: string): void {
    const out = output();
    out.append(details(r, what) + '\n');
    const s = r.summary;
    const target = vscode.workspace.asRelativePath(r.target);
    let message: string;
    if (r.error) {
      message = vscode.l10n.t('Export to {0} failed: {1}. Written so far: {2} file(s); no collection file.', target, r.error, r.written.length);
    } else if (r.cancelled) {
      const documentFiles = r.written.length;
      message = documentFiles
        ? vscode.l10n.t('Export cancelled after {0} of {1} file(s). {2} document file(s) were already written to {3}; no collection file ({4}) was written, so the export is incomplete.', r.processed, r.total, documentFiles, target, r.collectionFiles.join(', ') || '—')
        : vscode.l10n.t('Export cancelled after {0} of {1} file(s). Nothing was written.', r.processed, r.total);
    } else {
      message = vscode.l10n.t('Exported {0} of {1} file(s) to {2} ({3}): {4}. Skipped: {5}.', s.exported, s.files, target, r.format, spansText(s), s.skipped.length);
    }
    const show = vscode.l10n.t('Show Details');
    const shown = r.error ? vscode.window.showErrorMessage(message, show) : r.cancelled || s.skipped.length ? vscode.window.showWarningMessage(message, show) : vscode.window.showInformationMessage(message, show);
    void shown.then((pick) => {
      if (pick === show) out.show(true);
    });
  }

  async function prepare(): Promise<void> {
    // The engine for files that are not open uses the workspace glossaries, as the editor does.
    await services.glossary.ensureStarted();
    await services.glossary.idle();
  }

  async function exportFile(arg?: unknown): Promise<ExportRunResult | undefined> {
    const args = argsOf(arg, undefined, 'uri');
    const uri = args.uri ? toUri(args.uri) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      notify('info', vscode.l10n.t('Open a policy text first.'));
      return undefined;
    }
    const plan = await resolvePlan(args, uri);
    if (!plan) return undefined;
    const parent = vscode.Uri.joinPath(uri, '..');
    if (plan.format === 'brat' && isWithin(plan.target, parent) && isWithin(parent, plan.target)) {
      // brat writes ID.txt: into the text's own folder that would replace the text or a sibling (a.md → a.txt).
      notify('error', vscode.l10n.t('brat writes the text as a .txt file into the target folder; choose a folder other than the one holding {0}.', baseName(uri)));
      return undefined;
    }
    await prepare();
    const started = Date.now();
    const session = new ExportSession(services, plan);
    const task: ExportTask = { uri, path: vscode.workspace.asRelativePath(uri), id: baseName(uri).replace(/\.[^./]+$/, '') || baseName(uri) };
    session.protect([task]);
    session.collector.summary.files = 1;
    let error: string | undefined;
    try {
      await session.runAll([task], () => false);
      if (session.collector.summary.exported > 0) await session.finish();
    } catch (e) {
      logError(`export of ${task.path}`, e);
      error = e instanceof Error ? e.message : String(e);
    }
    session.collector.summary.seconds = (Date.now() - started) / 1000;
    const r = session.result(1, 1, error);
    report(r, vscode.l10n.t('Export of {0}', task.path));
    return r;
  }

  async function chooseFolders(args: ExportArgs): Promise<vscode.Uri[] | undefined> {
    if (args.folder) return (Array.isArray(args.folder) ? args.folder : [args.folder as vscode.Uri | string]).map(toUri);
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1) return [folders[0].uri];
    if (folders.length > 1) {
      const all = { label: vscode.l10n.t('All workspace folders'), value: folders.map((f) => f.uri) };
      const picked = await vscode.window.showQuickPick([all, ...folders.map((f) => ({ label: f.name, description: vscode.workspace.asRelativePath(f.uri), value: [f.uri] }))], { title: vscode.l10n.t('Folder to export'), ignoreFocusOut: true });
      return picked?.value;
    }
    const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: true, title: vscode.l10n.t('Folder to export'), openLabel: vscode.l10n.t('Export') });
    return picked?.length ? picked : undefined;
  }

  async function exportFolder(arg?: unknown, selection?: unknown): Promise<ExportRunResult | undefined> {
    const args = argsOf(arg, selection, 'folder');
    const folders = await chooseFolders(args);
    if (!folders) return undefined;
    const plan = await resolvePlan(args, folders[0]);
    if (!plan) return undefined;
    if (folders.some((f) => isWithin(f, plan.target) && isWithin(plan.target, f))) {
      notify('error', vscode.l10n.t('The target folder {0} is the folder being exported; choose another target folder.', vscode.workspace.asRelativePath(plan.target)));
      return undefined;
    }
    await prepare();
    const names = folders.map((f) => vscode.workspace.asRelativePath(f, false) || baseName(f)).join(', ');
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0} ({1})', names, plan.format), cancellable: true },
      async (progress, progressToken) => {
        const cancelled = () => progressToken.isCancellationRequested || args.token?.isCancellationRequested === true;
        const started = Date.now();
        const session = new ExportSession(services, plan);
        const summary = session.collector.summary;
        progress.report({ message: vscode.l10n.t('Looking for .txt and .md files…') });
        const { tasks, skipped } = await collectExportTasks(folders, plan.target, cancelled);
        const cancelledWhileLooking = cancelled();
        session.protect(tasks);
        for (const k of skipped) session.collector.skip(k.path, k.reason);
        summary.files = tasks.length + skipped.length;
        let processed = 0;
        let error: string | undefined;
        const step = tasks.length ? 100 / tasks.length : 100;
        try {
          processed = await session.runAll(tasks, cancelled, (done, task) => {
            processed = done;
            progress.report({ increment: step, message: vscode.l10n.t('{0} of {1}: {2}', done, tasks.length, task.path) });
            args.onProgress?.(done, tasks.length);
          });
          summary.cancelled = cancelledWhileLooking || (cancelled() && processed < tasks.length);
          // Collection files only for a complete run: a cancelled export must not look finished.
          if (!summary.cancelled) await session.finish();
        } catch (e) {
          logError(`export of ${names}`, e);
          error = e instanceof Error ? e.message : String(e);
        }
        summary.seconds = (Date.now() - started) / 1000;
        return session.result(tasks.length, processed, error);
      },
    );
    report(r, vscode.l10n.t('Export of {0}', names));
    return r;
  }

  return [
    vscode.commands.registerCommand('policyAnnotator.exportFile', exportFile),
    vscode.commands.registerCommand('policyAnnotator.exportFolder', exportFolder),
    { dispose: () => channel?.dispose() },
  ];
}
