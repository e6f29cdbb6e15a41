// Helpers shared by the integration tests (bundled into each *.test.js that imports them).
import * as vscode from 'vscode';

export const EXTENSION_ID = 'policy-annotator.policy-annotator';
/** The sample texts of media/samples/, copied into the test workspace by the runners. */
export const SAMPLE_TXT = 'jiangning-smart-grid-measures.txt';
export const SAMPLE_MD = 'digital-economy-action-plan.md';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the runner opened no workspace folder');
  return folder.uri;
}

export function sampleUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

export async function openSample(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(sampleUri(name));
  return vscode.window.showTextDocument(doc);
}

export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls `probe` until it returns a truthy value (and returns that); fails with `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as Truthy<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}
