// Long texts in a real VS Code: the first tagging runs in slices (visible part first) without
// freezing the editor, edits are re-tagged around the change only (same result as a full re-tag),
// and only the part of the document near the screen is decorated, following scrolling.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import { EXTENSION_ID, SAMPLE_TXT, waitFor, workspaceRoot } from './util';

const enc = new TextEncoder();
const dec = new TextDecoder();
const dir = () => vscode.Uri.joinPath(workspaceRoot(), 'pa-long-test');

async function writeFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(dir(), name);
  await vscode.workspace.fs.createDirectory(dir());
  await vscode.workspace.fs.writeFile(uri, enc.encode(text));
  return uri;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

suite('long documents: sliced and incremental tagging, decorations near the screen', function () {
  this.timeout(120_000);
  let api: PolicyAnnotatorApi;

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID)!.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('a very long document is decorated around the visible part, following scrolling', async () => {
    const sample = dec.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), SAMPLE_TXT)));
    const big = Array.from({ length: 900 }, (_, i) => `【第${i + 1}部分】\n${sample}`).join('\n');
    const editor = await open(await writeFile('long.txt', big));
    const doc = editor.document;
    await api.whenIdle();
    // Long texts are first tagged in slices that yield to the event loop, the visible part first.
    const first = api.tagStats(doc.uri);
    assert.equal(first?.mode, 'sliced');
    const all = api.getAnnotations(doc.uri);
    assert.ok(all.length > 20_000, `${all.length} spans`);
    await api.whenIdle();
    const drawn = () => api.getDecorations(doc.uri).flatMap((d) => d.ranges);
    await waitFor(() => drawn().length > 0, 'decorations');
    assert.ok(drawn().length < all.length / 2, `only part of ${all.length} spans drawn (${drawn().length})`);
    assert.ok(drawn().every((r) => r.start.line < 2000), 'around the top');
    const last = new vscode.Range(doc.lineCount - 1, 0, doc.lineCount - 1, 0);
    editor.revealRange(last, vscode.TextEditorRevealType.InCenter);
    await waitFor(() => drawn().some((r) => r.start.line > doc.lineCount - 50), 'decorations near the end after scrolling');
    console.log(`    ${(big.length / 1e6).toFixed(2)} M chars, ${all.length} spans, tagged in slices: ${first!.ms.toFixed(0)} ms of work`);

    // Edits are re-tagged around the change only, with the same result as a full re-tag.
    const places = [0.1, 0.5, 0.9].map((f) => doc.positionAt(Math.floor(big.length * f)));
    for (const [i, p] of places.entries()) {
      assert.ok(await editor.edit((e) => e.insert(p, i === 1 ? '支持南瑞集团等企业投资3000万元' : '\n')));
      await new Promise((r) => setTimeout(r, 30));
    }
    assert.ok(await editor.edit((e) => e.delete(new vscode.Range(places[2], places[2].translate(0, 3)))));
    await api.whenIdle();
    const stats = api.tagStats(doc.uri);
    assert.equal(stats?.mode, 'incremental');
    const incremental = api.getAnnotations(doc.uri).map((a) => `${doc.offsetAt(a.range.start)}:${doc.offsetAt(a.range.end)}:${a.label}`);
    const full = (await api.retagNow(doc.uri, { full: true })).map((a) => `${doc.offsetAt(a.range.start)}:${doc.offsetAt(a.range.end)}:${a.label}`);
    assert.deepEqual(incremental, full);
    assert.ok(api.getAnnotations(doc.uri).some((a) => a.text === '3000万元'), 'the inserted number is tagged');
    const fullStats = api.tagStats(doc.uri)!;
    console.log(`    after 4 edits: incremental re-tag ${stats!.ms.toFixed(1)} ms, full re-tag ${fullStats.ms.toFixed(1)} ms, same spans`);
    // (the web workbench auto-saves after a delay; let it finish rather than race it)
    await waitFor(() => !doc.isDirty || undefined, 'the auto-save', 10_000).catch(() => doc.save());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

});
