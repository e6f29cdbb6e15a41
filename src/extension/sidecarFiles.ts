// Where a document's sidecar is and how the editor reads and writes it: the core's sidecar store
// and atomic write (src/core/files/) on vscode.workspace.fs (workspace-fs.ts), so the editor and
// the CLI read a sidecar by one rule and name their temporary files by one scheme.
import * as vscode from 'vscode';
import { SIDECAR_VERSION, sidecarPathFor } from '../core/annotations/sidecar';
import { readSidecarFile, sayRefusal, type SidecarRead, type SidecarRefusal } from '../core/files/sidecar-store';
import { writeAtomic } from '../core/files/atomic-write';
import { fileSystemFor } from './workspace-fs';

/** Posix-style relative path from folder `from` to file `to` (both absolute URI paths). */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/** A folder setting is only honoured when it stays inside the workspace folder. */
export function safeRelativeFolder(folder: string | undefined): string | undefined {
  const f = folder?.trim().replace(/\\/g, '/');
  if (!f) return undefined;
  if (f.startsWith('/') || /^[a-z]:/i.test(f) || f.split('/').includes('..')) return undefined;
  return f;
}

export function sidecarUriFor(docUri: vscode.Uri): vscode.Uri | undefined {
  if (docUri.scheme === 'untitled') return undefined;
  const folder = safeRelativeFolder(vscode.workspace.getConfiguration('policyAnnotator', docUri).get<string>('sidecarFolder'));
  const ws = vscode.workspace.getWorkspaceFolder(docUri);
  if (folder && ws) {
    const path = sidecarPathFor(docUri.path, { folder: vscode.Uri.joinPath(ws.uri, folder).path, root: ws.uri.path });
    return docUri.with({ path });
  }
  return docUri.with({ path: sidecarPathFor(docUri.path) });
}

/** Whether a file exists, through workspace.fs (works on vscode.dev too). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false, // any failure to stat: treated as absent by the callers, which only move or create
  );
}

/** Writes `content` to `target` atomically, by the one scheme of the file layer (atomic-write.ts). */
export function writeAtomically(target: vscode.Uri, content: string | Uint8Array): Promise<void> {
  return writeAtomic(fileSystemFor(target), target.path, content);
}

/** Reads a sidecar by the store's rule (missing, refused or read); `recover` puts a complete temporary file of a killed save in place of a missing sidecar.
 *  A refusal is said in the display language (notification, Problems panel, export report). */
export async function readSidecarAt(uri: vscode.Uri, recover = false): Promise<SidecarRead> {
  const read = await readSidecarFile(fileSystemFor(uri), uri.path, { displayPath: vscode.workspace.asRelativePath(uri), recover });
  return read.kind === 'refused' ? sayRefusal(read, refusalText) : read;
}

/** Why a sidecar was refused, in the display language (the core's reason is English). */
export function refusalText(code: SidecarRefusal['code'], detail: string): string {
  switch (code) {
    case 'unreadable': return vscode.l10n.t('cannot read the sidecar: {0}; the sidecar was left untouched', detail);
    case 'binary': return vscode.l10n.t('binary file (NUL byte); the sidecar was left untouched');
    case 'not-utf8': return vscode.l10n.t('not valid UTF-8 (at byte {0}); the sidecar was left untouched', detail);
    case 'newer-version': return vscode.l10n.t('sidecar format version {0} is newer than this version of Policy Annotator reads ({1}); update Policy Annotator — the file was left untouched', detail, SIDECAR_VERSION);
    case 'cut-off': return vscode.l10n.t('the last line is cut off (a save that did not finish?); the sidecar was left untouched');
  }
}
