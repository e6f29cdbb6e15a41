// Issue 5 acceptance inside a real VS Code: every annotation command through
// vscode.commands.executeCommand, checked against the API's getAnnotations and the sidecar on
// disk; typing before and inside a span; the file replaced on disk (text inserted before a span,
// a span moved to another paragraph, a span deleted) re-anchors or orphans; rename moves the sidecar.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import { AnnotatedDocument } from '../../../src/core/annotations/document';
import { EXTENSION_ID, waitFor, workspaceRoot } from './util';

const enc = new TextEncoder();
const dec = new TextDecoder();

interface SidecarLine {
  start: number;
  end: number;
  label: string;
  state: string;
  quote: { exact: string; prefix: string; suffix: string };
  author?: string;
  time?: string;
  orphanedAt?: string;
}

async function getApi(): Promise<PolicyAnnotatorApi> {
  const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

const dir = () => vscode.Uri.joinPath(workspaceRoot(), 'pa-annotate-test');

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(dir(), name);
  await vscode.workspace.fs.createDirectory(dir());
  await vscode.workspace.fs.writeFile(uri, enc.encode(text));
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function readSidecar(uri: vscode.Uri): Promise<{ header: Record<string, unknown>; lines: SidecarLine[] }> {
  const text = dec.decode(await vscode.workspace.fs.readFile(uri));
  const [head, ...rest] = text.split('\n').filter((l) => l.trim() !== '');
  return { header: JSON.parse(head), lines: rest.map((l) => JSON.parse(l) as SidecarLine) };
}

/** Code point offset of the UTF-16 offset `u` in `text`. */
const cp = (text: string, u: number) => [...text.slice(0, u)].length;

suite('annotate: commands, sidecar, edits, outside changes, rename (issue 5)', function () {
  this.timeout(60_000);
  let api: PolicyAnnotatorApi;

  suiteSetup(async () => {
    api = await getApi();
    await vscode.workspace.getConfiguration('policyAnnotator').update('author', 'tester', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('policyAnnotator').update('author', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  async function openText(name: string, text: string): Promise<{ editor: vscode.TextEditor; doc: vscode.TextDocument }> {
    const uri = await write(name, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await api.whenIdle();
    await api.retagNow(uri);
    return { editor, doc };
  }

  const find = (doc: vscode.TextDocument, text: string) => api.getAnnotations(doc.uri).find((a) => a.text === text);
  const at = (doc: vscode.TextDocument, needle: string, delta = 1) => doc.getText().indexOf(needle) + delta;

  test('tag, change label, remove, accept, reject, accept all, navigate, undo — and the sidecar records them', async () => {
    // 𠀀 (outside the BMP) before the spans: the sidecar counts code points, VS Code UTF-16 units.
    const text = '𠀀支持南瑞集团等龙头企业，投资150亿元，推进智改数转。另有星河织锦工程。';
    const { editor, doc } = await openText('commands.txt', text);
    const uri = doc.uri;
    assert.equal(find(doc, '南瑞集团')?.source, 'auto', 'the engine suggests 南瑞集团');

    // tag (with a label argument) → manual
    const s = text.indexOf('星河织锦工程');
    const tagged = await vscode.commands.executeCommand<{ state: string }>('policyAnnotator.tagSelection', { uri, start: s, end: s + 6, label: 'TERM' });
    assert.equal(tagged?.state, 'manual');
    assert.deepEqual(find(doc, '星河织锦工程') && { label: find(doc, '星河织锦工程')!.label, source: find(doc, '星河织锦工程')!.source }, { label: 'TERM', source: 'manual' });

    // tag from the selection (no range argument)
    editor.selection = new vscode.Selection(doc.positionAt(text.indexOf('龙头企业')), doc.positionAt(text.indexOf('龙头企业') + 4));
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { label: 'TERM' });
    assert.equal(find(doc, '龙头企业')?.source, api.getAnnotations(uri).find((a) => a.text === '龙头企业')?.source);
    assert.ok(['manual', 'accepted'].includes(find(doc, '龙头企业')!.source));

    // change label → manual ORG
    await vscode.commands.executeCommand('policyAnnotator.changeLabel', { uri, offset: s + 1, label: 'ORG' });
    assert.equal(find(doc, '星河织锦工程')?.label, 'ORG');

    // remove a manual tag → gone
    await vscode.commands.executeCommand('policyAnnotator.removeTag', { uri, offset: s + 1 });
    assert.equal(find(doc, '星河织锦工程'), undefined);

    // accept a suggestion (cursor given as a position)
    await vscode.commands.executeCommand('policyAnnotator.acceptSuggestion', { uri, position: doc.positionAt(at(doc, '南瑞集团')) });
    assert.equal(find(doc, '南瑞集团')?.source, 'accepted');

    // reject a suggestion → kept as rejected, not drawn as a suggestion any more
    await vscode.commands.executeCommand('policyAnnotator.rejectSuggestion', { uri, offset: at(doc, '150亿元') });
    assert.equal(find(doc, '150亿元')?.source, 'rejected');
    await api.whenIdle();
    assert.ok(api.getDecorations(uri).some((d) => d.state === 'rejected' && d.ranges.some((r) => doc.getText(r) === '150亿元')), 'rejected spans look different');

    // undo the rejection
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.undo', { uri }), 'reject');
    assert.equal(find(doc, '150亿元')?.source, 'auto');

    // next / previous suggestion select the span
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const next = await vscode.commands.executeCommand<{ start: number; end: number }>('policyAnnotator.nextSuggestion');
    assert.ok(next);
    assert.equal(doc.offsetAt(editor.selection.start), next.start);
    assert.equal(api.getAnnotations(uri).find((a) => doc.offsetAt(a.range.start) === next.start)?.source, 'auto');
    const prev = await vscode.commands.executeCommand<{ start: number }>('policyAnnotator.previousSuggestion');
    assert.ok(prev && prev.start !== next.start, 'previous wraps to another suggestion');

    // accept all, then undo it as one step
    const auto = api.getAnnotations(uri).filter((a) => a.source === 'auto').length;
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.acceptAllInFile', { uri }), auto);
    assert.equal(api.getAnnotations(uri).filter((a) => a.source === 'auto').length, 0);
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.undo', { uri }), 'acceptAll');
    assert.equal(api.getAnnotations(uri).filter((a) => a.source === 'auto').length, auto);

    // reject again and save explicitly
    await vscode.commands.executeCommand('policyAnnotator.rejectSuggestion', { uri, offset: at(doc, '150亿元') });
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.save', { uri }), true);
    const sidecar = api.sidecarUri(uri)!;
    assert.ok(sidecar.path.endsWith('/pa-annotate-test/commands.txt.annotations.jsonl'), sidecar.path);
    const { header, lines } = await readSidecar(sidecar);
    assert.equal(header.format, 'policy-annotator-sidecar');
    assert.equal(header.document, 'commands.txt');
    assert.match(String(header.textHash), /^sha256:[0-9a-f]{64}$/);
    const org = lines.find((l) => l.quote.exact === '南瑞集团');
    assert.ok(org);
    assert.equal(org.state, 'accepted');
    assert.equal(org.author, 'tester');
    assert.equal(org.start, cp(text, text.indexOf('南瑞集团')), 'code point offsets (𠀀 counts once)');
    assert.equal(org.start, text.indexOf('南瑞集团') - 1);
    assert.equal(org.quote.prefix.endsWith('支持'), true);
    assert.equal(lines.find((l) => l.quote.exact === '150亿元')?.state, 'rejected');
    assert.ok(!lines.some((l) => l.state === 'auto'), 'engine suggestions are not stored');
    // stable order: sorted by start
    assert.deepEqual(lines.map((l) => l.start), [...lines.map((l) => l.start)].sort((a, b) => a - b));
  });

  test('typing before and inside a span moves and resizes it; deleting its text drops it until undone', async () => {
    const text = '第一句。支持南瑞集团发展。';
    const { editor, doc } = await openText('typing.txt', text);
    const uri = doc.uri;
    await vscode.commands.executeCommand('policyAnnotator.acceptSuggestion', { uri, offset: at(doc, '南瑞集团') });
    const s = text.indexOf('南瑞集团');
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri, start: 0, end: 3, label: 'TERM' }); // 第一句
    // type before the span
    assert.ok(await editor.edit((e) => e.insert(doc.positionAt(s), '大型')));
    let org = api.getAnnotations(uri).find((a) => a.label === 'ORG' && a.source === 'accepted');
    assert.equal(org?.text, '南瑞集团');
    assert.equal(doc.offsetAt(org!.range.start), s + 2);
    // type inside the manual span: it grows
    assert.ok(await editor.edit((e) => e.insert(doc.positionAt(1), '二')));
    const term = api.getAnnotations(uri).find((a) => a.label === 'TERM' && a.source === 'manual');
    assert.equal(term?.text, '第二一句');
    // delete the accepted span's text: dropped …
    org = api.getAnnotations(uri).find((a) => a.label === 'ORG' && a.source === 'accepted')!;
    assert.ok(await editor.edit((e) => e.delete(org!.range)));
    assert.equal(api.getAnnotations(uri).find((a) => a.label === 'ORG' && a.source === 'accepted'), undefined);
    // … and back with the editor's undo
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => api.getAnnotations(uri).find((a) => a.label === 'ORG' && a.source === 'accepted')?.text === '南瑞集团', 'the tag to come back with undo');
    // saving the text writes the sidecar with the new offsets
    assert.ok(await doc.save());
    await api.whenIdle();
    const { lines } = await readSidecar(api.sidecarUri(uri)!);
    const stored = lines.find((l) => l.label === 'ORG');
    assert.equal(stored?.start, doc.getText().indexOf('南瑞集团'));
    assert.equal(lines.find((l) => l.label === 'TERM')?.quote.exact, '第二一句');
  });

  test('the file replaced on disk: inserted text and a moved paragraph re-anchor, a deleted span becomes an orphan', async () => {
    const p1 = '一、总体要求：支持南瑞集团牵头组建创新联合体。';
    const p2 = '二、保障措施：设立150亿元产业基金，推进智改数转行动。';
    const text = `${p1}\n\n${p2}\n`;
    const { doc } = await openText('outside.txt', text);
    const uri = doc.uri;
    await vscode.commands.executeCommand('policyAnnotator.acceptSuggestion', { uri, offset: at(doc, '南瑞集团') });
    await vscode.commands.executeCommand('policyAnnotator.acceptSuggestion', { uri, offset: at(doc, '150亿元') });
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri, start: text.indexOf('智改数转'), end: text.indexOf('智改数转') + 4, label: 'TERM' });
    await api.whenIdle();
    const sidecar = api.sidecarUri(uri)!;
    await waitFor(async () => (await exists(sidecar)) && (await readSidecar(sidecar)).lines.length === 3, 'the sidecar written after the decisions');

    const replace = async (next: string) => {
      await vscode.workspace.fs.writeFile(uri, enc.encode(next));
      await waitFor(() => doc.getText() === next, 'the editor to reload the file');
      await api.whenIdle();
    };
    const reviewed = () => api.getAnnotations(uri).filter((a) => a.source !== 'auto' && a.source !== 'rejected');

    // 1. text inserted before the spans
    const v1 = `前言：本文件为示例。\n\n${text}`;
    await replace(v1);
    assert.deepEqual(reviewed().map((a) => [a.text, doc.offsetAt(a.range.start)]).sort(), [
      ['150亿元', v1.indexOf('150亿元')], ['南瑞集团', v1.indexOf('南瑞集团')], ['智改数转', v1.indexOf('智改数转')],
    ].sort());

    // 2. the paragraphs swapped: the spans move with their context
    const v2 = `前言：本文件为示例。\n\n${p2}\n\n${p1}\n`;
    await replace(v2);
    assert.deepEqual(reviewed().map((a) => [a.text, doc.offsetAt(a.range.start)]).sort(), [
      ['150亿元', v2.indexOf('150亿元')], ['南瑞集团', v2.indexOf('南瑞集团')], ['智改数转', v2.indexOf('智改数转')],
    ].sort());

    // 3. a span deleted: kept as an orphan in the sidecar, never dropped silently
    const v3 = v2.replace('南瑞集团', '有关企业');
    await replace(v3);
    assert.equal(reviewed().find((a) => a.text === '南瑞集团'), undefined);
    await waitFor(async () => (await readSidecar(sidecar)).lines.some((l) => l.orphanedAt && l.quote.exact === '南瑞集团'), 'the orphan in the sidecar');
    const { header, lines } = await readSidecar(sidecar);
    assert.equal(lines.filter((l) => !l.orphanedAt).length, 2);
    const live = lines.find((l) => l.quote.exact === '150亿元')!;
    assert.equal(live.start, cp(v3, v3.indexOf('150亿元')), 'the sidecar follows the new text');
    assert.notEqual(header.textHash, undefined);
  });

  test('a file changed on disk while closed is re-anchored when it is opened', async () => {
    // A sidecar written for the old text (by the core, as the CLI or another machine would), then
    // the text changed before VS Code ever opened it.
    const old = '支持南瑞集团发展。';
    const uri = await write('closed.txt', old);
    const annotated = new AnnotatedDocument(old, [{ start: 2, end: 6, label: 'ORG', state: 'accepted', author: 'li', time: '2024-05-01T08:00:00.000Z' }]);
    await vscode.workspace.fs.writeFile(api.sidecarUri(uri)!, enc.encode(annotated.serialize('closed.txt')));
    const next = '新增一段说明文字。\n' + old;
    await vscode.workspace.fs.writeFile(uri, enc.encode(next));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await api.whenIdle();
    await api.retagNow(uri);
    const org = api.getAnnotations(uri).find((a) => a.text === '南瑞集团');
    assert.equal(org?.source, 'accepted');
    assert.equal(doc.offsetAt(org!.range.start), next.indexOf('南瑞集团'));
  });

  test('renaming a text in VS Code moves its sidecar', async () => {
    const { doc } = await openText('before-rename.txt', '支持南瑞集团发展。');
    const uri = doc.uri;
    await vscode.commands.executeCommand('policyAnnotator.acceptSuggestion', { uri, offset: at(doc, '南瑞集团') });
    await vscode.commands.executeCommand('policyAnnotator.save', { uri });
    const oldSidecar = api.sidecarUri(uri)!;
    assert.ok(await exists(oldSidecar));
    const target = vscode.Uri.joinPath(dir(), 'after-rename.txt');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(uri, target);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const newSidecar = api.sidecarUri(target)!;
    // (read tolerantly: the header is rewritten right after the move)
    await waitFor(async () => !(await exists(oldSidecar)) && (await readSidecar(newSidecar).catch(() => undefined))?.header.document === 'after-rename.txt', 'the sidecar to move, its header naming the new file');
    const moved = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(moved);
    await api.whenIdle();
    await waitFor(() => api.getAnnotations(target).find((a) => a.text === '南瑞集团')?.source === 'accepted', 'the annotations under the new name');
  });

  test('with policyAnnotator.sidecarFolder all sidecars go to one folder, and renames follow there', async () => {
    const config = vscode.workspace.getConfiguration('policyAnnotator');
    await config.update('sidecarFolder', '.annotations', vscode.ConfigurationTarget.Workspace);
    try {
      const { doc } = await openText('central.txt', '支持南瑞集团发展。');
      const uri = doc.uri;
      const sidecar = api.sidecarUri(uri)!;
      assert.equal(sidecar.toString(), vscode.Uri.joinPath(workspaceRoot(), '.annotations', 'pa-annotate-test', 'central.txt.annotations.jsonl').toString());
      await vscode.commands.executeCommand('policyAnnotator.acceptSuggestion', { uri, offset: at(doc, '南瑞集团') });
      assert.equal(await vscode.commands.executeCommand('policyAnnotator.save', { uri }), true);
      const { header, lines } = await readSidecar(sidecar);
      assert.equal(header.document, '../../pa-annotate-test/central.txt');
      assert.equal(lines[0].quote.exact, '南瑞集团');
      assert.equal(await exists(vscode.Uri.joinPath(dir(), 'central.txt.annotations.jsonl')), false, 'nothing next to the text');
      // a rename moves the sidecar inside the sidecar folder
      const target = vscode.Uri.joinPath(dir(), 'central-renamed.txt');
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(uri, target);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const moved = api.sidecarUri(target)!;
      await waitFor(async () => !(await exists(sidecar)) && (await readSidecar(moved).catch(() => undefined))?.header.document === '../../pa-annotate-test/central-renamed.txt', 'the sidecar to move within .annotations');
    } finally {
      await config.update('sidecarFolder', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), '.annotations'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
  });

  test('a sidecar from a newer format is left untouched; a damaged line is reported at its line and kept', async () => {
    // newer format version: refused, never overwritten
    const text = '支持南瑞集团发展。';
    const refusedUri = await write('refused.txt', text);
    const refusedSidecar = api.sidecarUri(refusedUri)!;
    const newer = '{"format":"policy-annotator-sidecar","version":99,"document":"refused.txt","textHash":"sha256:0"}\n{"future":"data"}\n';
    await vscode.workspace.fs.writeFile(refusedSidecar, enc.encode(newer));
    let doc = (await openText('refused.txt', text)).doc;
    await vscode.commands.executeCommand('policyAnnotator.acceptSuggestion', { uri: doc.uri, offset: at(doc, '南瑞集团') });
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.save', { uri: doc.uri }), false);
    await api.whenIdle();
    assert.equal(dec.decode(await vscode.workspace.fs.readFile(refusedSidecar)), newer);

    // a line that cannot be read: a diagnostic at that line, and the line survives the next save
    const damagedUri = await write('damaged.txt', text);
    const sidecar = api.sidecarUri(damagedUri)!;
    const good = new AnnotatedDocument(text, [{ start: 2, end: 6, label: 'ORG', state: 'accepted', author: 'li' }]).serialize('damaged.txt');
    await vscode.workspace.fs.writeFile(sidecar, enc.encode(good + '{"start": 1, "end": oops}\n'));
    doc = (await openText('damaged.txt', text)).doc;
    const diag = await waitFor(() => vscode.languages.getDiagnostics(sidecar).find((d) => d.severity === vscode.DiagnosticSeverity.Error), 'a diagnostic on the sidecar');
    assert.equal(diag.range.start.line, 2, 'line 3 of the sidecar');
    assert.equal(find(doc, '南瑞集团')?.source, 'accepted', 'the readable lines load');
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri: doc.uri, start: 6, end: 8, label: 'TERM' });
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.save', { uri: doc.uri }), true);
    const after = dec.decode(await vscode.workspace.fs.readFile(sidecar));
    assert.match(after, /\{"start": 1, "end": oops\}/, 'the unreadable line is kept verbatim');
    assert.match(after, /"label":"TERM","state":"manual"/);
  });

  test('a sidecar in another encoding (not UTF-8) is refused and never rewritten', async () => {
    const text = '支持南瑞集团发展。';
    const uri = await write('gbk.txt', text);
    const sidecar = api.sidecarUri(uri)!;
    // a valid sidecar whose note is then written in GBK bytes: 南 is 0xC4 0xCF in GBK
    const utf8 = enc.encode(new AnnotatedDocument(text, [{ start: 2, end: 6, label: 'ORG', state: 'accepted', author: 'li' }]).serialize('gbk.txt'));
    const bytes = new Uint8Array([...utf8, ...enc.encode('{"note":"'), 0xc4, 0xcf, ...enc.encode('"}\n')]);
    await vscode.workspace.fs.writeFile(sidecar, bytes);
    const doc = (await openText('gbk.txt', text)).doc;
    await waitFor(() => vscode.languages.getDiagnostics(sidecar).find((d) => d.severity === vscode.DiagnosticSeverity.Error), 'a diagnostic on the sidecar');
    await vscode.commands.executeCommand('policyAnnotator.acceptSuggestion', { uri: doc.uri, offset: at(doc, '南瑞集团') });
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.save', { uri: doc.uri }), false);
    await api.whenIdle();
    assert.deepEqual([...(await vscode.workspace.fs.readFile(sidecar))], [...bytes], 'byte for byte');
  });
});
