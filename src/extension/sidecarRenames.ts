// Sidecars follow their texts when files or folders are renamed in VS Code: a sidecar next to its
// text is moved with it (and its `document` field updated); with a central sidecar folder, the
// matching folder there is moved too. A sidecar that would replace another, or that is refused
// (it cannot be read), is left where it is.
import * as vscode from 'vscode';
import { serializeSidecar } from '../core/annotations/sidecar';
import { exists, parentOf, readSidecarAt, relativePath, safeRelativeFolder, sidecarUriFor, writeAtomically } from './sidecarFiles';
import { logError, notify } from './log';

export async function onFilesRenamed(
  files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[],
  reopen: (newUri: vscode.Uri) => Promise<void>,
): Promise<void> {
  for (const { oldUri, newUri } of files) {
    let isDir = false;
    try {
      isDir = (await vscode.workspace.fs.stat(newUri)).type === vscode.FileType.Directory;
    } catch (e) {
      // Renamed again or deleted meanwhile: nothing of it to follow.
      logError(`following the rename of ${vscode.workspace.asRelativePath(newUri)}`, e);
      continue;
    }
    if (isDir) await moveCentralFolder(oldUri, newUri);
    else await moveSidecar(oldUri, newUri);
    await reopen(newUri);
  }
}

/** Sidecars next to their texts moved with the folder; a central sidecar folder needs the same move. */
async function moveCentralFolder(oldUri: vscode.Uri, newUri: vscode.Uri): Promise<void> {
  const folder = safeRelativeFolder(vscode.workspace.getConfiguration('policyAnnotator', newUri).get<string>('sidecarFolder'));
  const ws = vscode.workspace.getWorkspaceFolder(newUri);
  if (!folder || !ws) return;
  const base = vscode.Uri.joinPath(ws.uri, folder);
  const from = vscode.Uri.joinPath(base, relativePath(ws.uri.path, oldUri.path));
  const to = vscode.Uri.joinPath(base, relativePath(ws.uri.path, newUri.path));
  if ((await exists(from)) && !(await exists(to))) await vscode.workspace.fs.rename(from, to).then(undefined, (e: Error) => renameFailed(from, e));
}

async function moveSidecar(oldUri: vscode.Uri, newUri: vscode.Uri): Promise<void> {
  const from = sidecarUriFor(oldUri);
  const to = sidecarUriFor(newUri);
  if (!from || !to || from.toString() === to.toString() || !(await exists(from))) return;
  if (await exists(to)) {
    notify('warning', vscode.l10n.t('{0} already exists; the annotations stay in {1}.', vscode.workspace.asRelativePath(to), vscode.workspace.asRelativePath(from)));
    return;
  }
  try {
    await vscode.workspace.fs.createDirectory(parentOf(to));
    await vscode.workspace.fs.rename(from, to);
    await retitle(to, newUri);
  } catch (e) {
    renameFailed(from, e as Error);
  }
}

/** Updates the `document` field of a moved sidecar's header (kept otherwise byte for byte; a refused one not at all). */
async function retitle(sidecar: vscode.Uri, docUri: vscode.Uri): Promise<void> {
  const read = await readSidecarAt(sidecar);
  if (read.kind !== 'read') return;
  const documentPath = relativePath(parentOf(sidecar).path, docUri.path);
  if (read.parsed.header.document === documentPath) return;
  read.parsed.header.document = documentPath;
  await writeAtomically(sidecar, serializeSidecar(read.parsed, read.parsed.unreadable));
}

function renameFailed(from: vscode.Uri, e: Error): void {
  logError(`moving ${vscode.workspace.asRelativePath(from)}`, e);
  notify('error', vscode.l10n.t('Could not move the annotations in {0}: {1}', vscode.workspace.asRelativePath(from), e.message));
}
