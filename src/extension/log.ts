// The "Policy Annotator" output channel: every error the extension catches and every fallback it
// takes (a slower path after something failed) is written there, and counted, so a failure is
// never silent. The counts are part of the extension's API (extension.ts) and the integration
// tests assert there were none.
import * as vscode from 'vscode';

/** The fallbacks the extension can take; each is a place where something went wrong and was worked around. */
export type FallbackKind =
  /** The incremental tagger failed on an edit: the whole document was tagged again. */
  | 'incremental-tagging'
  /** Moving annotations along an edit failed: they were re-anchored by quote instead. */
  | 'annotation-edit'
  /** A glossary could not be read or compiled: the previous glossaries stay in use. */
  | 'glossary-load';

export interface LogCounts {
  errors: number;
  fallbacks: Record<FallbackKind, number>;
}

/** A message shown to the user in a notification (kept so tests can check what the user was told). */
export interface Notice {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

let channel: vscode.LogOutputChannel | undefined;
const notices: Notice[] = [];
/** Enough to check what a test just did; older notices are dropped. */
const MAX_NOTICES = 200;
const counts: LogCounts = { errors: 0, fallbacks: { 'incremental-tagging': 0, 'annotation-edit': 0, 'glossary-load': 0 } };

function output(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Policy Annotator'), { log: true });
  return channel;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack}` : ''}` : String(e);
}

/** An error that was handled (shown to the user or skipped), logged with what was being done. */
export function logError(what: string, e?: unknown): void {
  counts.errors++;
  output().error(e === undefined ? what : `${what}: ${describe(e)}`);
}

/** A fallback taken after a failure: logged and counted. */
export function logFallback(kind: FallbackKind, what: string, e?: unknown): void {
  counts.fallbacks[kind]++;
  output().warn(`${kind}: ${what}${e === undefined ? '' : `: ${describe(e)}`}`);
}

/** Something the user may want to know, with no failure (a file refused, a sidecar recovered). */
export function logInfo(message: string): void {
  output().info(message);
}

/**
 * Shows a notification the user need not answer, and writes it to the output channel, where it
 * stays after the toast is gone.
 */
export function notify(severity: Notice['severity'], message: string): void {
  notices.push({ severity, message });
  if (notices.length > MAX_NOTICES) notices.splice(0, notices.length - MAX_NOTICES);
  output()[severity === 'warning' ? 'warn' : severity](message);
  if (severity === 'error') void vscode.window.showErrorMessage(message);
  else if (severity === 'warning') void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
}

/** The notifications shown since activation (at most the last MAX_NOTICES). */
export function noticesShown(): Notice[] {
  return notices.map((n) => ({ ...n }));
}

/** A copy of the counts since activation. */
export function logCounts(): LogCounts {
  return { errors: counts.errors, fallbacks: { ...counts.fallbacks } };
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
