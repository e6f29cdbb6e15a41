// Issue 16 ("the annotator teaches the tool") inside a real VS Code: a tag in one text is
// suggested in a text opened afterwards, a rejection in one text is gone from the others, the
// learned file is written atomically, re-read when it changes on disk and after a reload,
// refused (and kept byte for byte) when it cannot be read, and forgetting an item gives back
// exactly the engine's spans. The hover says where a learned suggestion comes from.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import { fileSystemFor } from '../../../src/extension/workspace-fs';
import { readLearnedFile } from '../../../src/core/learning/file';
import { EXTENSION_ID, waitFor, workspaceRoot } from './util';

const enc = new TextEncoder();
const dec = new TextDecoder();
const dir = () => vscode.Uri.joinPath(workspaceRoot(), 'pa-learning');
const textOf = (name: string) => vscode.Uri.joinPath(dir(), name);
const TEXTS: Record<string, string> = {
  'a.txt': '江宁区推进三链融合，国家发展改革委负责协调。\n',
  'b.txt': '各地推进三链融合，国家发展改革委负责协调。\n',
  'c.txt': '国家发展改革委会同有关部门推进三链融合。\n',
};

suite('learning: the annotator teaches the tool (issue 16)', function () {
  this.timeout(60_000);
  let pa: PolicyAnnotatorApi;
  let learned: vscode.Uri;
  /** The engine's spans of each text before anything was learned. */
  const engineSpans = new Map<string, string[]>();

  const spansOf = async (name: string) => {
    await pa.whenIdle();
    return (await pa.retagNow(textOf(name))).filter((a) => a.source === 'auto').map((a) => `${a.label}:${a.text}`);
  };
  const open = async (name: string) => vscode.window.showTextDocument(await vscode.workspace.openTextDocument(textOf(name)), { preview: false });
  const fileText = async () => dec.decode(await vscode.workspace.fs.readFile(learned));

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
    assert.ok(ext);
    pa = await ext.activate();
    learned = pa.learnedFile(workspaceRoot())!;
    await vscode.workspace.fs.delete(learned).then(undefined, () => undefined);
    for (const [name, text] of Object.entries(TEXTS)) await vscode.workspace.fs.writeFile(textOf(name), enc.encode(text));
    for (const name of Object.keys(TEXTS)) engineSpans.set(name, await spansOf(name));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('policyAnnotator').update('learning.enabled', true, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('policyAnnotator').update('author', 'tester', vscode.ConfigurationTarget.Global);
    await pa.whenIdle();
  });

  suiteTeardown(async () => {
    await pa.whenIdle();
    await vscode.workspace.getConfiguration('policyAnnotator').update('learning.enabled', false, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('policyAnnotator').update('author', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await pa.whenIdle();
    await vscode.workspace.fs.delete(learned).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await pa.reloadGlossaries();
  });

  test('the engine alone neither suggests 三链融合 nor leaves out 国家发展改革委', () => {
    for (const spans of engineSpans.values()) {
      assert.ok(!spans.includes('TERM:三链融合'), spans.join());
      assert.ok(spans.includes('ORG:国家发展改革委'), spans.join());
    }
  });

  test('a tag in file A is a suggestion in file B opened afterwards, and the hover says where it comes from', async () => {
    await open('a.txt');
    const start = TEXTS['a.txt'].indexOf('三链融合');
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri: textOf('a.txt'), start, end: start + 4, label: 'TERM' });
    await waitFor(async () => (await fileText().catch(() => '')).includes('三链融合'), 'the learned file with 三链融合');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await open('b.txt');
    assert.ok((await spansOf('b.txt')).includes('TERM:三链融合'));
    const at = editor.document.positionAt(TEXTS['b.txt'].indexOf('三链融合') + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(shown, /Learned: learned from pa-learning\/a\.txt, tagged by you on \d{4}-\d\d-\d\d/);
  });

  test('a rejection in B is gone from A and from C opened afterwards', async () => {
    await open('a.txt');
    assert.ok((await spansOf('a.txt')).includes('ORG:国家发展改革委'));
    await open('b.txt');
    await vscode.commands.executeCommand('policyAnnotator.rejectSuggestion', { uri: textOf('b.txt'), offset: TEXTS['b.txt'].indexOf('国家发展改革委') + 1 });
    await waitFor(async () => (await fileText()).includes('rejected:\n  - term: 国家发展改革委'), 'the rejection in the learned file');
    assert.ok(!(await spansOf('a.txt')).includes('ORG:国家发展改革委'), 'gone from A, already open');
    await open('c.txt');
    assert.ok(!(await spansOf('c.txt')).includes('ORG:国家发展改革委'), 'gone from C, opened afterwards');
    assert.ok((await spansOf('c.txt')).includes('TERM:三链融合'));
  });

  test('the CLI\'s tag, finding the learned file above the text, gives the spans the editor shows', async () => {
    await pa.whenIdle();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const cli = path.join(ext.extensionPath, 'bin', 'policy-annotator.js');
    for (const name of ['b.txt', 'c.txt']) {
      const out = execFileSync(process.execPath, [cli, 'tag', textOf(name).fsPath], { encoding: 'utf8' });
      const record = JSON.parse(out) as { text: string; spans: { start: number; end: number; label: string }[] };
      // The texts are in the BMP: code points (CLI) and UTF-16 offsets (editor) are the same.
      const fromCli = record.spans.map((sp) => `${sp.label}:${record.text.slice(sp.start, sp.end)}@${sp.start}`).sort();
      assert.ok(fromCli.some((sp) => sp.startsWith('TERM:三链融合@')) && !fromCli.some((sp) => sp.startsWith('ORG:国家发展改革委@')), `${name}: the learned entry and rejection apply: ${fromCli.join()}`);
      const doc = await vscode.workspace.openTextDocument(textOf(name));
      // What the editor shows: the engine's spans, decided or not, minus what this text's own
      // sidecar rejected (the CLI reads no sidecar).
      const own = (await pa.retagNow(textOf(name))).filter((a) => a.source === 'rejected').map((a) => `${a.label}:${a.text}@${doc.offsetAt(a.range.start)}`);
      const inEditor = (await pa.retagNow(textOf(name))).filter((a) => a.source !== 'rejected').map((a) => `${a.label}:${a.text}@${doc.offsetAt(a.range.start)}`);
      assert.deepEqual(fromCli.filter((sp) => !own.includes(sp)), inEditor.sort(), name);
    }
  });

  test('the learned file is written atomically (whole, readable, no temporary file left) and re-read when it changes on disk and after a reload', async () => {
    await pa.whenIdle();
    const read = await readLearnedFile(fileSystemFor(learned), learned.path);
    assert.equal(read.kind, 'read');
    const folder = vscode.Uri.joinPath(learned, '..');
    const names = (await vscode.workspace.fs.readDirectory(folder)).map(([n]) => n);
    assert.deepEqual(names.filter((n) => n.endsWith('.tmp')), []);
    // A hand edit (or git pull): a new entry is applied without any command.
    const edited = (await fileText()).replace('entries:\n', 'entries:\n  - term: 负责协调\n    category: TERM\n    definition: ""\n');
    await vscode.workspace.fs.writeFile(learned, enc.encode(edited));
    await waitFor(async () => (await spansOf('a.txt')).includes('TERM:负责协调'), 'the hand-added entry suggested in A');
    await vscode.commands.executeCommand('policyAnnotator.reloadGlossaries');
    await pa.whenIdle();
    const a = await spansOf('a.txt');
    assert.ok(a.includes('TERM:负责协调') && !a.includes('ORG:国家发展改革委'), a.join());
    assert.ok((await spansOf('b.txt')).includes('TERM:三链融合'));
  });

  test('a learned file that cannot be read is refused (Problems, a notification) and never written over', async () => {
    const good = await vscode.workspace.fs.readFile(learned);
    const bad = enc.encode('version: 1\nentries:\n  - term: 三链融合\n    category: NOPE\n');
    await vscode.workspace.fs.writeFile(learned, bad);
    await waitFor(() => vscode.languages.getDiagnostics(learned).length > 0, 'a problem on the learned file');
    await waitFor(() => pa.notices().some((n) => n.severity === 'error' && n.message.includes('learned.glossary.yaml')), 'a notification');
    await waitFor(async () => !(await spansOf('b.txt')).includes('TERM:三链融合'), 'nothing learned applied');
    await open('c.txt');
    const start = TEXTS['c.txt'].indexOf('有关部门');
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri: textOf('c.txt'), start, end: start + 4, label: 'ORG' });
    await pa.whenIdle();
    assert.deepEqual([...(await vscode.workspace.fs.readFile(learned))], [...bad], 'the refused file is unchanged');
    await vscode.commands.executeCommand('policyAnnotator.undo', { uri: textOf('c.txt') });
    await vscode.workspace.fs.writeFile(learned, good);
    await waitFor(() => vscode.languages.getDiagnostics(learned).length === 0, 'the problem gone once fixed');
    await waitFor(async () => (await spansOf('b.txt')).includes('TERM:三链融合'), 'learned entries applied again');
  });

  test('"Forget Learned Entry" restores the engine\'s behaviour', async () => {
    const root = workspaceRoot();
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.forgetLearned', { surface: '国家发展改革委', label: 'ORG', rejected: true, uri: root }), true);
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.forgetLearned', { surface: '三链融合', label: 'TERM', uri: root }), true);
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.forgetLearned', { surface: '负责协调', label: 'TERM', uri: root }), true);
    await pa.whenIdle();
    // B and C were not decided on except the one rejection in B (kept in B's sidecar, not learned).
    assert.deepEqual(await spansOf('c.txt'), engineSpans.get('c.txt'));
    assert.deepEqual(await spansOf('b.txt'), engineSpans.get('b.txt')!.filter((s) => s !== 'ORG:国家发展改革委'));
    assert.ok((await spansOf('a.txt')).includes('ORG:国家发展改革委'));
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.reviewLearned', textOf('a.txt')).then((u) => String(u)), learned.toString());
    assert.deepEqual(pa.failures().errors, 0);
  });

  test('"Tag All Occurrences" teaches its surface like a tag', async () => {
    await open('c.txt');
    const start = TEXTS['c.txt'].indexOf('有关部门');
    await vscode.commands.executeCommand('policyAnnotator.tagAllOccurrences', { uri: textOf('c.txt'), start, end: start + 4, label: 'ORG', scope: 'file', preview: false });
    await waitFor(async () => (await fileText()).includes('term: 有关部门\n    category: ORG'), 'the tag-all surface in the learned file');
  });
});
