// Smoke test of the harness itself: a real VS Code runs this suite in its extension host, with the
// extension loaded from the repository (extensionDevelopmentPath) and media/samples/ as workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, SAMPLE_TXT, openSample, sampleUri, waitFor, workspaceRoot } from './util';

suite('smoke: a real VS Code with the extension', () => {
  test('the VS Code API works and the workspace is a copy of the samples', async () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.ok(process.versions.node, 'runs in a Node extension host');
    const names = (await vscode.workspace.fs.readDirectory(workspaceRoot())).map(([n]) => n);
    assert.ok(names.includes(SAMPLE_TXT), `workspace lists ${SAMPLE_TXT}: ${names.join(', ')}`);
    console.log(`    VS Code ${vscode.version}, extension host Node ${process.version}`);
  });

  test('the extension is loaded from the development path', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is known to VS Code`);
    assert.equal(ext.packageJSON.name, 'policy-annotator');
    assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'extension.js')),
      'dist/extension.js exists (npm run build)');
  });

  test('the extension is active once a .txt sample is open, and exposes its API', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const editor = await openSample(SAMPLE_TXT);
    assert.equal(editor.document.languageId, 'plaintext');
    await waitFor(() => ext.isActive, 'the extension to activate');
    const api = ext.exports as { getAnnotations?: (uri: vscode.Uri) => { label: string; range: vscode.Range }[] };
    assert.equal(typeof api?.getAnnotations, 'function', 'activate() returns an API with getAnnotations(uri)');
    const spans = await waitFor(() => {
      const s = api.getAnnotations!(sampleUri(SAMPLE_TXT));
      return s.length > 0 ? s : undefined;
    }, 'annotations on the sample text');
    assert.ok(spans.every((s) => s.range instanceof vscode.Range && typeof s.label === 'string'));
  });
});
