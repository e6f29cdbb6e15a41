// Issue 15, items 2, 3 and 6 inside a real VS Code:
// - the file layer's scenarios (test/fixtures/file-scenarios.ts) through the vscode.workspace.fs
//   adapter give exactly the in-memory adapter's results (the unit test checks Node's);
// - a sidecar or glossary that cannot be read whole is refused: a diagnostic in the Problems
//   panel, and its bytes stay the same through decisions, saves, exports and "Add to glossary";
// - no fallback was taken (the API's failures()).
import * as assert from 'node:assert/strict';
import * as nodeFs from 'node:fs';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import type { ExportRunResult } from '../../../src/extension/exportCommands';
import { fileSystemFor } from '../../../src/extension/workspace-fs';
import { MemoryFileSystem } from '../../../src/core/files/memory-fs';
import { runFileScenarios, refusedSidecars, TEXT } from '../../fixtures/file-scenarios';
import { EXTENSION_ID, waitFor, workspaceRoot } from './util';

const enc = new TextEncoder();
const dir = () => vscode.Uri.joinPath(workspaceRoot(), 'pa-file-layer');

async function api(): Promise<PolicyAnnotatorApi> {
  const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

async function put(uri: vscode.Uri, content: string | Uint8Array): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? enc.encode(content) : content);
}

const bytesOf = async (uri: vscode.Uri) => [...(await vscode.workspace.fs.readFile(uri))].join(',');

suite('file layer: one store, one walker, one atomic write; nothing unreadable overwritten (issue 15)', function () {
  this.timeout(60_000);
  let pa: PolicyAnnotatorApi;

  suiteSetup(async () => {
    pa = await api();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('the scenarios through vscode.workspace.fs give the in-memory results', async () => {
    const root = vscode.Uri.joinPath(dir(), 'scenarios');
    await vscode.workspace.fs.createDirectory(root);
    const fs = fileSystemFor(root);
    const viaWorkspace = await runFileScenarios(fs, root.path, {
      // The extension host runs on Node here; links are made with Node, read back through workspace.fs.
      symlink: async (target, path) => nodeFs.symlinkSync(root.with({ path: target }).fsPath, root.with({ path }).fsPath),
    });
    const memory = new MemoryFileSystem({ ...fs.writer, processRuns: () => undefined });
    await memory.createDirectory('/root');
    const inMemory = await runFileScenarios(memory, '/root', { symlink: async (target, path) => memory.symlink(target, path) });
    assert.deepEqual(viaWorkspace, inMemory);
    assert.equal(viaWorkspace.refusedBytesKept, true);
  });

  for (const bad of [...refusedSidecars(), { name: 'a-folder', bytes: undefined, reason: /cannot read the sidecar/ }]) {
    test(`a ${bad.name} sidecar is refused: Problems panel, and its bytes unchanged through decisions, saves and exports`, async () => {
      const text = vscode.Uri.joinPath(dir(), `${bad.name}.txt`);
      const sidecar = vscode.Uri.joinPath(dir(), `${bad.name}.txt.annotations.jsonl`);
      await put(text, TEXT);
      if (bad.bytes) await put(sidecar, bad.bytes);
      else await vscode.workspace.fs.createDirectory(sidecar); // exists, cannot be read as a file
      const before = bad.bytes ? await bytesOf(sidecar) : undefined;
      const doc = await vscode.workspace.openTextDocument(text);
      await vscode.window.showTextDocument(doc, { preview: false });
      await pa.whenIdle();
      await pa.retagNow(text);
      const diagnostics = await waitFor(() => vscode.languages.getDiagnostics(sidecar).filter((d) => bad.reason.test(d.message)).length, `a diagnostic on ${bad.name}`);
      assert.equal(diagnostics, 1);

      // Decisions, a save, an edit saved with the text, an export: none may write the sidecar.
      await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri: text, start: 0, end: 4, label: 'ORG' });
      await vscode.commands.executeCommand('policyAnnotator.acceptAllInFile', { uri: text });
      assert.equal(await vscode.commands.executeCommand('policyAnnotator.save', { uri: text }), false, 'the save is refused');
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '　'));
      await doc.save();
      await pa.whenIdle();
      const target = vscode.Uri.joinPath(dir(), `export-${bad.name}`);
      const r = await vscode.commands.executeCommand<ExportRunResult>('policyAnnotator.exportFile', { uri: text, format: 'native', includeSuggestions: false, target });
      assert.equal(r.summary.exported, 0);
      assert.match(r.summary.skipped[0]?.reason ?? '', bad.reason);
      await new Promise((res) => setTimeout(res, 500)); // any auto-save would have happened by now
      await pa.whenIdle();
      if (before !== undefined) assert.equal(await bytesOf(sidecar), before, 'the sidecar is byte for byte as it was');
      else assert.equal((await vscode.workspace.fs.stat(sidecar)).type, vscode.FileType.Directory);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  }

  for (const bad of refusedSidecars()) {
    test(`a sidecar that turns ${bad.name} after the text was loaded is refused: the user is told, its bytes stay through a decision and saves`, async () => {
      const text = vscode.Uri.joinPath(dir(), `late-${bad.name}.txt`);
      const sidecar = vscode.Uri.joinPath(dir(), `late-${bad.name}.txt.annotations.jsonl`);
      await put(text, TEXT);
      const doc = await vscode.workspace.openTextDocument(text);
      await vscode.window.showTextDocument(doc, { preview: false });
      await pa.whenIdle();
      // A readable sidecar first: the annotations are loaded and saved normally.
      await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri: text, start: 0, end: 4, label: 'ORG' });
      assert.equal(await vscode.commands.executeCommand('policyAnnotator.save', { uri: text }), true);
      await pa.whenIdle(); // our own writes have landed
      // Then replaced on disk by something that cannot be read whole (git checkout, another tool).
      await put(sidecar, bad.bytes);
      const before = await bytesOf(sidecar);
      await vscode.commands.executeCommand('policyAnnotator.acceptAllInFile', { uri: text });
      assert.equal(await vscode.commands.executeCommand('policyAnnotator.save', { uri: text }), false, 'the save is refused');
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '　'));
      await doc.save();
      await new Promise((res) => setTimeout(res, 500)); // any auto-save would have happened by now
      await pa.whenIdle();
      assert.equal(await bytesOf(sidecar), before, 'the sidecar is byte for byte as it was');
      const told = pa.notices().filter((n) => n.severity === 'error' && n.message.includes(`late-${bad.name}.txt`) && bad.reason.test(n.message));
      assert.equal(told.length, 1, `one refusal notification: ${JSON.stringify(pa.notices().slice(-3))}`);
      await waitFor(() => vscode.languages.getDiagnostics(sidecar).filter((d) => bad.reason.test(d.message)).length, 'the refusal in the Problems panel');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  }

  test('a refused sidecar removed by the user: annotating saves again', async () => {
    const text = vscode.Uri.joinPath(dir(), 'removed.txt');
    const sidecar = vscode.Uri.joinPath(dir(), 'removed.txt.annotations.jsonl');
    await put(text, TEXT);
    await put(sidecar, refusedSidecars()[0].bytes);
    const doc = await vscode.workspace.openTextDocument(text);
    await vscode.window.showTextDocument(doc, { preview: false });
    await pa.whenIdle();
    await waitFor(() => vscode.languages.getDiagnostics(sidecar).length, 'the refusal shown');
    await vscode.workspace.fs.delete(sidecar);
    await waitFor(async () => {
      await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri: text, start: 0, end: 4, label: 'ORG' });
      return vscode.commands.executeCommand<boolean>('policyAnnotator.save', { uri: text });
    }, 'a save after the removal');
    const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecar));
    assert.match(saved, /"label":"ORG","state":"(manual|accepted)"/);
    assert.equal(vscode.languages.getDiagnostics(sidecar).length, 0, 'the refusal is no longer in the Problems panel');
  });

  const badGlossaries: { name: string; bytes: Uint8Array }[] = [
    { name: 'newer', bytes: enc.encode('version: 2\nentries:\n  - term: 新质生产力\n    category: TERM\n') },
    { name: 'gbk', bytes: new Uint8Array([...enc.encode('version: 1\nentries:\n  - term: '), 0xc4, 0xcf, 0xc8, 0xf0, 0x0a]) },
    { name: 'half-written', bytes: enc.encode('version: 1\nentries:\n  - term: "新质生产') },
  ];
  for (const g of badGlossaries) {
    test(`Add to glossary leaves a ${g.name} glossary byte for byte as it was`, async () => {
      const file = vscode.Uri.joinPath(dir(), `${g.name}.glossary.yaml`);
      await put(file, g.bytes);
      const before = await bytesOf(file);
      const result = await vscode.commands.executeCommand('policyAnnotator.addToGlossary', { category: 'TERM', file, term: '数字经济' });
      assert.equal(result, undefined, 'nothing added');
      await pa.whenIdle();
      assert.equal(await bytesOf(file), before);
    });
  }

  test('no fallback was taken in this window', () => {
    const f = pa.failures();
    assert.deepEqual(f.fallbacks, { 'incremental-tagging': 0, 'annotation-edit': 0, 'glossary-load': 0 });
  });
});
