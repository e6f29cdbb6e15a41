// The workspace's policy texts, as the corpus view counts them and "tag all occurrences" searches
// them: every workspace folder through the core walker (the .txt/.md files a folder export takes),
// in its order, each file once.
import * as vscode from 'vscode';
import { findTextFiles } from '../core/files/walk';
import { fileSystemFor } from './workspace-fs';

export async function workspacePolicyTexts(): Promise<vscode.Uri[]> {
  const out = new Map<string, vscode.Uri>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const { files } = await findTextFiles(fileSystemFor(folder.uri), [folder.uri.path]);
    for (const f of files) {
      const uri = folder.uri.with({ path: f.path });
      if (!out.has(uri.toString())) out.set(uri.toString(), uri);
    }
  }
  return [...out.values()];
}
