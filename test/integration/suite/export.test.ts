// Issue 6, item 3 inside a real VS Code: "Export This File…" in every format, checked against the
// document as the extension holds it (𠀀 and emoji before spans: offsets by code points);
// "Export Folder or Workspace…" over a generated folder of 200 files (sidecars, the engine, open
// editors with unsaved work, files skipped with reasons) with its summary checked against counts
// computed here; cancellation part-way (no collection file, what was written reported exactly);
// writes never leave the target folder; the prompts take their defaults from the settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import type { ExportRunResult, ExportArgs } from '../../../src/extension/exportCommands';
import { AnnotatedDocument } from '../../../src/core/annotations/document';
import { createEngine, compileWithDefault, parseGlossary, type Engine } from '../../../src/core';
import { EXTENSION_ID, waitFor, workspaceRoot } from './util';

const dec = new TextDecoder();

async function getApi(): Promise<PolicyAnnotatorApi> {
  const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

const testDir = () => vscode.Uri.joinPath(workspaceRoot(), 'pa-export-test');

/** Code point offset of the UTF-16 offset `u` in `text`. */
const cp = (text: string, u: number) => [...text.slice(0, u)].length;
const sliceCp = (text: string, s: number, e: number) => [...text].slice(s, e).join('');

interface Expected {
  start: number;
  end: number;
  label: string;
  state: string;
  text: string;
}
const key = (a: { start: number; end: number; label: string }) => `${a.start}:${a.end}:${a.label}`;
const sortKeys = (list: { start: number; end: number; label: string }[]) => list.map(key).sort();

function exportFolder(args: ExportArgs): Thenable<ExportRunResult | undefined> {
  return vscode.commands.executeCommand<ExportRunResult | undefined>('policyAnnotator.exportFolder', args);
}

function write(rel: string, content: string | Uint8Array): vscode.Uri {
  const p = path.join(testDir().fsPath, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return vscode.Uri.file(p);
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${rel}${e.name}/`);
      else out.push(rel + e.name);
    }
  };
  walk(dir, '');
  return out.sort();
}

suite('export: Export This File / Export Folder or Workspace (issue 6)', function () {
  this.timeout(180_000);
  let api: PolicyAnnotatorApi;
  let tmp: string;
  let engine: Engine;

  suiteSetup(async () => {
    api = await getApi();
    await api.reloadGlossaries();
    await api.whenIdle();
    // The engine the extension uses for files that are not open: bundled + workspace glossaries.
    const glossaries = await Promise.all(api.glossaryFiles().map(async (u) => parseGlossary(dec.decode(await vscode.workspace.fs.readFile(u)), vscode.workspace.asRelativePath(u))));
    engine = createEngine(compileWithDefault(glossaries));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-export-'));
    // VS Code for the Web (code-server) saves after a delay by default; the folder test needs unsaved work.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    for (const k of ['format', 'includeSuggestions', 'targetFolder']) await vscode.workspace.getConfiguration('policyAnnotator.export').update(k, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(testDir().fsPath, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function openText(rel: string, text: string): Promise<{ editor: vscode.TextEditor; doc: vscode.TextDocument }> {
    const uri = write(rel, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await api.whenIdle();
    await api.retagNow(uri);
    return { editor, doc };
  }

  /** The annotations of an open document as the API reports them, in code points, in the given states. */
  function held(doc: vscode.TextDocument, states: readonly string[]): Expected[] {
    const text = doc.getText();
    return api
      .getAnnotations(doc.uri)
      .filter((a) => states.includes(a.source))
      .map((a) => ({ start: cp(text, doc.offsetAt(a.range.start)), end: cp(text, doc.offsetAt(a.range.end)), label: a.label, state: a.source, text: a.text }));
  }

  test('Export This File: every format, both choices of suggestions, spans by code points against the open document', async () => {
    // 𠀀 and 😀 (outside the BMP) before the spans, and one inside a line; a rejected, an accepted, a manual span.
    const text = '𠀀😀支持南瑞集团等龙头企业，投资150亿元😀，推进智改数转。另有星河织锦工程。\n𠀀2021年江宁开发区实现增长12%。';
    const { doc } = await openText('file/export-sample.txt', text);
    const uri = doc.uri;
    const s = text.indexOf('星河织锦工程');
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri, start: s, end: s + 6, label: 'TERM' });
    await vscode.commands.executeCommand('policyAnnotator.acceptSuggestion', { uri, offset: text.indexOf('南瑞集团') + 1 });
    await vscode.commands.executeCommand('policyAnnotator.rejectSuggestion', { uri, offset: text.indexOf('150亿元') + 1 });
    assert.ok(api.getAnnotations(uri).some((a) => a.source === 'auto'), 'suggestions are left');
    assert.ok(api.getAnnotations(uri).some((a) => a.source === 'rejected'));

    for (const includeSuggestions of [false, true]) {
      const expected = held(doc, includeSuggestions ? ['manual', 'accepted', 'auto'] : ['manual', 'accepted']);
      assert.ok(expected.length >= (includeSuggestions ? 4 : 2));
      for (const e of expected) assert.equal(sliceCp(text, e.start, e.end), e.text, 'code point offsets of the expectation');
      for (const format of ['native', 'doccano', 'label-studio', 'brat', 'conll'] as const) {
        const target = vscode.Uri.file(path.join(tmp, `file-${format}-${includeSuggestions}`));
        const r = await vscode.commands.executeCommand<ExportRunResult>('policyAnnotator.exportFile', { uri, format, includeSuggestions, target });
        const what = `${format}, suggestions ${includeSuggestions}`;
        assert.ok(r, what);
        assert.equal(r.error, undefined, what);
        assert.equal(r.summary.exported, 1, what);
        assert.equal(r.summary.fromEditor, 1, `${what}: the open document's annotations`);
        const dir = target.fsPath;
        const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
        assert.deepEqual(listFiles(dir), [...r.written].sort(), `${what}: exactly the reported files are on disk`);
        const counts: Record<string, number> = {};
        for (const e of expected) counts[e.label] = (counts[e.label] ?? 0) + 1;
        assert.deepEqual(r.summary.spansPerLabel, counts, what);

        if (format === 'native') {
          const lines = read('documents.jsonl').trim().split('\n');
          assert.equal(lines.length, 1);
          const rec = JSON.parse(lines[0]) as { id: string; text: string; spans: Expected[] };
          assert.equal(rec.id, 'export-sample');
          assert.equal(rec.text, text);
          for (const sp of rec.spans) assert.equal(sliceCp(rec.text, sp.start, sp.end), expected.find((e) => key(e) === key(sp))?.text, `${what}: span text by code points`);
          assert.deepEqual(rec.spans.map((sp) => `${key(sp)}:${sp.state}`).sort(), expected.map((e) => `${key(e)}:${e.state}`).sort(), what);
        } else if (format === 'doccano') {
          const rec = JSON.parse(read('doccano.jsonl').trim()) as { text: string; label: [number, number, string][] };
          assert.equal(rec.text, text);
          assert.deepEqual(rec.label.map(([s0, e0, l]) => key({ start: s0, end: e0, label: l })).sort(), sortKeys(expected), what);
        } else if (format === 'label-studio') {
          const tasks = JSON.parse(read('tasks.json')) as { data: { text: string }; annotations: { result: LsResult[] }[]; predictions?: { result: LsResult[] }[] }[];
          type LsResult = { type: string; value: { start: number; end: number; text: string | string[]; labels?: string[] } };
          assert.equal(tasks.length, 1);
          assert.equal(tasks[0].data.text, text);
          const spans = (rs: LsResult[] | undefined) => (rs ?? []).filter((x) => x.type === 'labels').map((x) => {
            assert.equal(sliceCp(text, x.value.start, x.value.end), x.value.text, `${what}: value.text by code points`);
            return { start: x.value.start, end: x.value.end, label: x.value.labels![0] };
          });
          assert.deepEqual(sortKeys(spans(tasks[0].annotations[0]?.result)), sortKeys(expected.filter((e) => e.state !== 'auto')), `${what}: annotations`);
          assert.deepEqual(sortKeys(spans(tasks[0].predictions?.[0]?.result)), sortKeys(expected.filter((e) => e.state === 'auto')), `${what}: predictions`);
          assert.match(read('label-config.xml'), /<Label value="ORG"/);
        } else if (format === 'brat') {
          assert.equal(read('export-sample.txt'), text);
          const t = read('export-sample.ann').split('\n').filter((l) => l.startsWith('T')).map((l) => {
            const [, label, offsets, surface] = /^T\d+\t(\S+) ([\d ;]+)\t(.*)$/.exec(l)!;
            const frags = offsets.split(';').map((f) => f.split(' ').map(Number));
            assert.equal(frags.map(([a, b]) => sliceCp(text, a, b)).join(' '), surface, `${what}: brat fragment text by code points`);
            return { start: frags[0][0], end: frags[frags.length - 1][1], label };
          });
          assert.deepEqual(sortKeys(t), sortKeys(expected), what);
          const suggestions = read('export-sample.ann').split('\n').filter((l) => /^A\d+\tSuggestion /.test(l)).length;
          assert.equal(suggestions, expected.filter((e) => e.state === 'auto').length, `${what}: Suggestion attributes`);
          assert.match(read('annotation.conf'), /\[entities\][\s\S]*ORG/);
        } else {
          const conll = read('export-sample.conll');
          // spaCy's document delimiter (CoNLL-2003's) opens the file; the rows follow.
          assert.ok(conll.startsWith('-DOCSTART- -X- O O\n'), `${what}: document delimiter first`);
          const rows = conll.split('\n').slice(1).filter((l) => l !== '').map((l) => l.split('\t'));
          assert.deepEqual(rows.map((r0) => r0[0]).join(''), [...text].filter((c) => !/\s/.test(c)).join(''), `${what}: one code point per line, whitespace left out`);
          const entities: { label: string; text: string }[] = [];
          for (const [ch, tag] of rows) {
            if (tag.startsWith('B-')) entities.push({ label: tag.slice(2), text: ch });
            else if (tag.startsWith('I-')) entities[entities.length - 1].text += ch;
          }
          assert.deepEqual(entities.map((e) => `${e.label}:${e.text}`).sort(), expected.map((e) => `${e.label}:${e.text.replace(/\s/g, '')}`).sort(), what);
        }
      }
    }
  });

  test('Export This File never replaces a text: brat into the folder of the text is refused, nothing written', async () => {
    const uri = write('self/self.txt', '支持南瑞集团发展。');
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    const r = await vscode.commands.executeCommand<ExportRunResult | undefined>('policyAnnotator.exportFile', { uri, format: 'brat', includeSuggestions: true, target: vscode.Uri.joinPath(uri, '..') });
    assert.equal(r, undefined);
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), before);
    assert.deepEqual(listFiles(path.dirname(uri.fsPath)), ['self.txt']);
    // JSON formats write only their collection files, so the text's own folder is fine for them.
    const nested = write('self2/sub/self2.txt', '支持南瑞集团发展。');
    const r2 = await vscode.commands.executeCommand<ExportRunResult>('policyAnnotator.exportFile', { uri: nested, format: 'native', includeSuggestions: true, target: vscode.Uri.joinPath(nested, '..') });
    assert.ok(r2 && !r2.error, r2?.error);
    assert.deepEqual(listFiles(path.dirname(nested.fsPath)), ['documents.jsonl', 'self2.txt']);
  });

  test('Export Folder: 200 files (sidecars, engine, open editors with unsaved work, 6 skipped) — summary matches the counts', async () => {
    const orgs = ['南瑞集团', '紫金山实验室', '江宁经济技术开发区管理委员会', '国电南自'];
    const corpusText = (i: number) =>
      `${i % 7 === 0 ? '😀' : ''}第${i}号通知：支持${orgs[i % 4]}等${i + 10}家企业发展，投资${(i % 50) + 1}亿元，推进智改数转和专精特新。\n2021年实现增长${i % 30}%。\n`;
    const expectedSpans: Record<string, number> = {};
    const addCount = (label: string, n = 1) => (expectedSpans[label] = (expectedSpans[label] ?? 0) + n);
    let sidecars = 0;
    let engineFiles = 0;
    // 194 good files in 10 folders (.txt and .md), 20 of them with sidecars
    for (let i = 0; i < 194; i++) {
      const rel = `corpus/batch-${i % 10}/doc-${String(i).padStart(3, '0')}.${i % 5 === 4 ? 'md' : 'txt'}`;
      const text = corpusText(i);
      const uri = write(rel, text);
      if (i === 3 || i === 8) continue; // opened below
      if (i % 10 === 5 || i === 0) {
        if (sidecars === 20) throw new Error('test setup');
        sidecars++;
        const org = orgs[i % 4];
        const annotated = new AnnotatedDocument(text, [
          { start: text.indexOf(org), end: text.indexOf(org) + org.length, label: 'ORG', state: 'manual' },
          { start: text.indexOf('智改数转'), end: text.indexOf('智改数转') + 4, label: 'TERM', state: 'accepted' },
          { start: text.indexOf('专精特新'), end: text.indexOf('专精特新') + 4, label: 'TERM', state: 'rejected' },
        ]);
        fs.writeFileSync(api.sidecarUri(uri)!.fsPath, annotated.serialize(path.basename(rel)));
        addCount('ORG');
        addCount('TERM');
      } else {
        engineFiles++;
        for (const sp of engine.tag(text)) addCount(sp.label);
      }
    }
    assert.equal(sidecars, 20);
    // 6 files skipped with a reason
    write('corpus/bad/binary-1.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    write('corpus/bad/binary-2.md', new Uint8Array([0x00, 0x01, 0x02]));
    write('corpus/bad/binary-3.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]));
    write('corpus/bad/gbk-1.txt', new Uint8Array([0xd6, 0xd0, 0xce, 0xc4])); // 中文 in GBK
    write('corpus/bad/gbk-2.txt', new Uint8Array([0x41, 0xc4, 0xe3, 0xba, 0xc3]));
    const futureText = '支持南瑞集团发展。';
    const future = write('corpus/bad/future.txt', futureText);
    fs.writeFileSync(api.sidecarUri(future)!.fsPath, new AnnotatedDocument(futureText, [{ start: 2, end: 6, label: 'ORG', state: 'manual' }]).serialize('future.txt').replace('"version":1', '"version":99'));
    // not exported: other extensions, hidden folders, node_modules
    write('corpus/notes.json', '{"a": 1}');
    write('corpus/.hidden/secret.txt', '南瑞集团');
    write('corpus/node_modules/pkg/readme.md', '南瑞集团');

    // Two documents open in editors: one with unsaved text and a decision, one untouched (suggestions only).
    const edited = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(testDir(), 'corpus/batch-3/doc-003.txt'));
    const editedEditor = await vscode.window.showTextDocument(edited, { preview: false });
    await api.whenIdle();
    assert.ok(await editedEditor.edit((e) => e.insert(new vscode.Position(0, 0), '𠀀前言：星河织锦工程启动。\n')));
    assert.ok(edited.isDirty);
    const s = edited.getText().indexOf('星河织锦工程');
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri: edited.uri, start: s, end: s + 6, label: 'TERM' });
    const plain = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(testDir(), 'corpus/batch-8/doc-008.txt'));
    await vscode.window.showTextDocument(plain, { preview: false });
    await api.whenIdle();
    await api.retagNow(edited.uri);
    await api.retagNow(plain.uri);
    const editedSpans = held(edited, ['manual', 'accepted']);
    const plainSpans = held(plain, ['auto']);
    assert.ok(editedSpans.some((e) => e.text === '星河织锦工程' && e.state === 'manual'));
    assert.ok(plainSpans.length > 0);
    for (const e of [...editedSpans, ...plainSpans]) addCount(e.label);

    const folder = vscode.Uri.joinPath(testDir(), 'corpus');
    const target = vscode.Uri.file(path.join(tmp, 'folder-native'));
    const t0 = Date.now();
    const r = await exportFolder({ folder, format: 'native', includeSuggestions: false, target });
    const ms = Date.now() - t0;
    assert.ok(r);
    assert.equal(r.error, undefined);
    const sm = r.summary;
    console.log(`    200-file folder export (native) in VS Code: ${ms} ms (summary ${sm.seconds.toFixed(2)} s)`);
    assert.equal(sm.cancelled, false);
    assert.equal(sm.files, 200);
    assert.equal(sm.exported, 194);
    assert.deepEqual([sm.fromSidecar, sm.fromEngine, sm.fromEditor], [20, engineFiles, 2]);
    assert.equal(engineFiles, 172);
    const skipped = Object.fromEntries(sm.skipped.map((k) => [path.basename(k.path), k.reason]));
    assert.deepEqual(Object.keys(skipped).sort(), ['binary-1.txt', 'binary-2.md', 'binary-3.txt', 'future.txt', 'gbk-1.txt', 'gbk-2.txt']);
    for (const f of ['binary-1.txt', 'binary-2.md', 'binary-3.txt']) assert.equal(skipped[f], 'binary file (NUL byte)');
    assert.equal(skipped['gbk-1.txt'], 'not valid UTF-8 (at byte 0)');
    assert.equal(skipped['gbk-2.txt'], 'not valid UTF-8 (at byte 1)');
    assert.match(skipped['future.txt'], /sidecar format version 99 is newer/);
    assert.deepEqual(sm.spansPerLabel, expectedSpans, 'spans per label');

    // documents.jsonl: one record per exported file, in folder order; the open document with its unsaved text.
    const recs = fs.readFileSync(path.join(target.fsPath, 'documents.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; spans: Expected[] });
    assert.equal(recs.length, 194);
    assert.equal(recs[0].id, 'batch-0/doc-000');
    assert.ok(!recs.some((x) => /secret|readme|notes|binary|gbk|future/.test(x.id)));
    const editedRec = recs.find((x) => x.id === 'batch-3/doc-003')!;
    assert.equal(editedRec.text, edited.getText(), 'the editor text, not the file on disk');
    assert.notEqual(editedRec.text, fs.readFileSync(edited.uri.fsPath, 'utf8'));
    assert.deepEqual(sortKeys(editedRec.spans), sortKeys(editedSpans));
    assert.deepEqual(sortKeys(recs.find((x) => x.id === 'batch-8/doc-008')!.spans), sortKeys(plainSpans));
    assert.ok(recs.find((x) => x.id === 'batch-5/doc-005')!.spans.every((x) => x.state === 'manual' || x.state === 'accepted'));
    assert.ok(recs.some((x) => x.id === 'batch-4/doc-004'), 'a .md file: its path without extension');

    // The same folder as CoNLL: one file per document under the folder structure, nothing else.
    const conll = vscode.Uri.file(path.join(tmp, 'folder-conll'));
    const t1 = Date.now();
    const rc = await exportFolder({ folder, format: 'conll', includeSuggestions: true, target: conll });
    console.log(`    200-file folder export (conll, with suggestions) in VS Code: ${Date.now() - t1} ms`);
    assert.ok(rc && rc.summary.exported === 194 && !rc.cancelled);
    const written = listFiles(conll.fsPath);
    assert.equal(written.length, 194);
    assert.deepEqual(written, [...rc.written].sort());
    assert.ok(written.includes('batch-0/doc-000.conll') && written.includes('batch-4/doc-004.conll'));

    // Leave the edited document without saving it.
    await vscode.window.showTextDocument(edited);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Export Folder, cancelled part-way: stops early, no collection file, what was written is reported exactly', async () => {
    for (let i = 0; i < 600; i++) write(`many/f-${String(i).padStart(3, '0')}.txt`, `第${i}条：支持南瑞集团等${i + 1}家企业，投资${i + 1}亿元。\n`);
    const folder = vscode.Uri.joinPath(testDir(), 'many');

    // 1. Cancelled through the token after the 20th file (the same check as the notification's Cancel button).
    const cts = new vscode.CancellationTokenSource();
    const target = vscode.Uri.file(path.join(tmp, 'cancel-native'));
    const r = await exportFolder({ folder, format: 'native', includeSuggestions: false, target, token: cts.token, onProgress: (done) => done === 20 && cts.cancel() });
    assert.ok(r);
    assert.equal(r.cancelled, true);
    assert.equal(r.summary.cancelled, true);
    assert.equal(r.total, 600);
    assert.equal(r.processed, 20, 'stops before the 21st file');
    assert.deepEqual(r.written, []);
    assert.ok(!fs.existsSync(path.join(target.fsPath, 'documents.jsonl')), 'no partial documents.jsonl');

    // 2. brat, cancelled from outside while it runs, as soon as document files appear on disk.
    const cts2 = new vscode.CancellationTokenSource();
    const target2 = vscode.Uri.file(path.join(tmp, 'cancel-brat'));
    const running = exportFolder({ folder, format: 'brat', includeSuggestions: true, target: target2, token: cts2.token });
    await waitFor(() => listFiles(target2.fsPath).filter((f) => f.endsWith('.ann')).length >= 10, 'the first brat files', 60_000);
    cts2.cancel();
    const r2 = await running;
    assert.ok(r2);
    assert.equal(r2.cancelled, true);
    assert.ok(r2.processed >= 10 && r2.processed < 600, `stopped early (${r2.processed} of 600)`);
    assert.ok(!fs.existsSync(path.join(target2.fsPath, 'annotation.conf')), 'no annotation.conf for a cancelled export');
    assert.deepEqual(r2.collectionFiles, ['annotation.conf']);
    assert.deepEqual(listFiles(target2.fsPath), [...r2.written].sort(), 'exactly the reported files are on disk');
    assert.equal(r2.written.length, 2 * r2.summary.exported, 'a .txt and an .ann per document exported');
    assert.equal(r2.summary.exported, r2.processed);
    console.log(`    cancelled brat export: stopped after ${r2.processed} of 600 files`);
  });

  test('Export Folder refuses the exported folder as target, skips its own output, and skips ids that cannot be paths', async () => {
    write('self-folder/a.txt', '支持南瑞集团发展。');
    const folder = vscode.Uri.joinPath(testDir(), 'self-folder');
    const r = await exportFolder({ folder, format: 'brat', includeSuggestions: true, target: folder });
    assert.equal(r, undefined);
    assert.deepEqual(listFiles(folder.fsPath), ['a.txt']);
    // A target inside the exported folder is skipped by the walk (its own output is never re-exported).
    const inside = vscode.Uri.joinPath(folder, 'out');
    const r2 = await exportFolder({ folder, format: 'brat', includeSuggestions: true, target: inside });
    const r3 = await exportFolder({ folder, format: 'brat', includeSuggestions: true, target: inside });
    assert.equal(r2?.summary.exported, 1);
    assert.equal(r3?.summary.files, 1, 'out/a.txt written by the first export is not exported again');
    // An id that cannot be a relative path (a control character in the file name) is skipped, never written.
    write('odd-names/bad\u0001name.txt', '支持南瑞集团发展。');
    write('odd-names/good.txt', '支持南瑞集团发展。');
    const target = vscode.Uri.file(path.join(tmp, 'odd-names'));
    const r4 = await exportFolder({ folder: vscode.Uri.joinPath(testDir(), 'odd-names'), format: 'brat', includeSuggestions: true, target });
    assert.ok(r4);
    assert.deepEqual(r4.summary.skipped.map((k) => k.reason), ['control character in id']);
    assert.deepEqual(listFiles(target.fsPath), ['annotation.conf', 'good.ann', 'good.txt']);
  });

  test('without arguments the commands ask, offering the settings first', async () => {
    const config = vscode.workspace.getConfiguration('policyAnnotator.export');
    await config.update('format', 'doccano', vscode.ConfigurationTarget.Global);
    await config.update('includeSuggestions', true, vscode.ConfigurationTarget.Global);
    const askText = '𠀀支持南瑞集团发展，投资150亿元。';
    const uri = write('ask/ask.txt', askText);
    // Reviewed: 南瑞集团 only; 150亿元 goes out only when suggestions are included (the setting's default).
    fs.writeFileSync(api.sidecarUri(uri)!.fsPath, new AnnotatedDocument(askText, [{ start: askText.indexOf('南瑞集团'), end: askText.indexOf('南瑞集团') + 4, label: 'ORG', state: 'manual' }]).serialize('ask.txt'));
    const target = vscode.Uri.file(path.join(tmp, 'asked'));
    // Format and suggestions are asked (Enter takes the first item: the settings' values); the target is given.
    const running = vscode.commands.executeCommand<ExportRunResult>('policyAnnotator.exportFile', { uri, target });
    for (let k = 0; k < 2; k++) {
      await new Promise((r) => setTimeout(r, 800));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const r = await running;
    assert.ok(r);
    assert.equal(r.format, 'doccano');
    const rec = JSON.parse(fs.readFileSync(path.join(target.fsPath, 'doccano.jsonl'), 'utf8')) as { label: [number, number, string][] };
    assert.ok(rec.label.some(([s0, e0, l]) => l === 'ORG' && s0 === 3 && e0 === 7), JSON.stringify(rec.label));
    assert.ok(rec.label.some(([s0, e0, l]) => l === 'NUM' && sliceCp(askText, s0, e0) === '150亿元'), `suggestions included: ${JSON.stringify(rec.label)}`);
    // Escape at the first question: nothing happens.
    const cancelled = vscode.commands.executeCommand<ExportRunResult | undefined>('policyAnnotator.exportFile', { uri, target: vscode.Uri.file(path.join(tmp, 'never')) });
    await new Promise((r0) => setTimeout(r0, 800));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await cancelled, undefined);
    assert.ok(!fs.existsSync(path.join(tmp, 'never')));
  });
});
