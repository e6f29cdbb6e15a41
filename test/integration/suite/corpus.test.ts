// Issue 16 inside a real VS Code: "Tag All Occurrences" previews, tags in the file and across the
// workspace (the sidecar of a file that is not open gets the tags), and one undo takes the batch
// back everywhere; the "Policy Corpus" view counts what the sidecars hold.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import type { TagAllResult } from '../../../src/extension/tagAllOccurrences';
import type { CorpusSnapshot } from '../../../src/extension/corpusView';
import { AnnotatedDocument } from '../../../src/core/annotations/document';
import { EXTENSION_ID, waitFor, workspaceRoot } from './util';

const enc = new TextEncoder();
const dec = new TextDecoder();
const NAME = '临湖智造联盟';

async function getApi(): Promise<PolicyAnnotatorApi> {
  const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.activate();
}

const dir = (sub: string) => vscode.Uri.joinPath(workspaceRoot(), sub);

async function write(uri: vscode.Uri, text: string): Promise<vscode.Uri> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, enc.encode(text));
  return uri;
}

async function read(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return dec.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The sidecar lines (annotations) of a sidecar's content. */
const lines = (content: string | undefined) =>
  (content ?? '').split('\n').filter((l) => l.trim() !== '').slice(1).map((l) => JSON.parse(l) as { label: string; state: string; quote: { exact: string } });

suite('tag all occurrences and the corpus view (issue 16)', function () {
  this.timeout(90_000);
  let api: PolicyAnnotatorApi;

  suiteSetup(async () => {
    api = await getApi();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const d of ['pa-tagall-test', 'pa-corpus-test']) await vscode.workspace.fs.delete(dir(d), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('previews the occurrences, tags them in the file and across the workspace, and one undo takes the batch back', async () => {
    const a = await write(vscode.Uri.joinPath(dir('pa-tagall-test'), 'a.txt'), `支持${NAME}建设，${NAME}成员单位达到 120 家。\n${NAME}年度报告发布。\n`);
    const b = await write(vscode.Uri.joinPath(dir('pa-tagall-test'), 'b.txt'), `${NAME}与高校合作，临湖智造\n联盟新增成员 15 家。\n`);
    const errorsBefore = api.failures().errors;
    const cText = `${NAME}召开会议，${NAME}发布通知。\n`;
    const c = await write(vscode.Uri.joinPath(dir('pa-tagall-test'), 'c.txt'), cText);
    // c.txt has a sidecar already: its first occurrence was rejected as ORG.
    const cSidecar = api.sidecarUri(c)!;
    const cBefore = new AnnotatedDocument(cText, [{ start: 0, end: NAME.length, label: 'ORG', state: 'rejected' }]).serialize('c.txt');
    await write(cSidecar, cBefore);
    const bSidecar = api.sidecarUri(b)!;

    const doc = await vscode.workspace.openTextDocument(a);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await api.whenIdle();
    await api.retagNow(a);
    const text = doc.getText();
    // The first occurrence is someone's work already (as TERM): tag-all leaves it alone.
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri: a, start: 2, end: 2 + NAME.length, label: 'TERM' });
    const second = text.indexOf(NAME, 3);
    editor.selection = new vscode.Selection(doc.positionAt(second), doc.positionAt(second + NAME.length));

    // The preview: how many and where.
    const inFile = await vscode.commands.executeCommand<TagAllResult>('policyAnnotator.tagAllOccurrences', { label: 'ORG', scope: 'file', dryRun: true });
    assert.equal(inFile?.occurrences.length, 2);
    assert.deepEqual(inFile.occurrences.map((o) => `${o.path}:${o.line}`), ['pa-tagall-test/a.txt:1', 'pa-tagall-test/a.txt:2']);
    assert.match(inFile.occurrences[0].context, new RegExp(`【${NAME}】成员`));
    assert.deepEqual(inFile.skipped.map((s) => s.reason), ['tagged']);
    const preview = await vscode.commands.executeCommand<TagAllResult>('policyAnnotator.tagAllOccurrences', { label: 'ORG', scope: 'workspace', dryRun: true });
    assert.deepEqual(
      preview?.occurrences.map((o) => `${o.path}:${o.line}`),
      ['pa-tagall-test/a.txt:1', 'pa-tagall-test/a.txt:2', 'pa-tagall-test/b.txt:1', 'pa-tagall-test/b.txt:1', 'pa-tagall-test/c.txt:1'],
      'the name broken by a line break in b.txt counts; the rejected one in c.txt does not',
    );
    assert.deepEqual(preview.skipped.map((s) => `${s.path}:${s.reason}`).sort(), ['pa-tagall-test/a.txt:tagged', 'pa-tagall-test/c.txt:rejected']);
    assert.equal(await read(bSidecar), undefined, 'a preview writes nothing');

    // Apply across the workspace.
    const done = await vscode.commands.executeCommand<TagAllResult>('policyAnnotator.tagAllOccurrences', { label: 'ORG', scope: 'workspace', preview: false });
    assert.equal(done?.tagged, 5);
    assert.equal(done.files, 3);
    const orgs = () => api.getAnnotations(a).filter((x) => x.label === 'ORG' && x.source === 'manual' && x.text === NAME).length;
    assert.equal(orgs(), 2, 'both untagged occurrences of the open file are tagged');
    assert.deepEqual(api.getAnnotations(a).filter((x) => x.source === 'manual').map((x) => x.label).sort(), ['ORG', 'ORG', 'TERM']);
    const bLines = lines(await read(bSidecar));
    assert.deepEqual(bLines.map((l) => `${l.quote.exact.replace(/\s/g, '')}/${l.label}/${l.state}`), [`${NAME}/ORG/manual`, `${NAME}/ORG/manual`], 'the sidecar of a file not open gets the tags');
    const cAfter = await read(cSidecar);
    assert.deepEqual(lines(cAfter).map((l) => `${l.label}/${l.state}`), ['ORG/rejected', 'ORG/manual']);

    // One undo (the extension's, in the open file) takes the whole batch back, sidecars included.
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.undo', { uri: a }), 'tagAll');
    assert.equal(orgs(), 0);
    await waitFor(async () => (await read(bSidecar)) === undefined, 'the sidecar the batch created to go away');
    await waitFor(async () => (await read(cSidecar)) === cBefore, 'the sidecar of c.txt as it was before the batch');
    // The batch was one step: the next undo is the TERM tag before it.
    assert.equal(await vscode.commands.executeCommand('policyAnnotator.undo', { uri: a }), 'tag');
    assert.deepEqual(api.getAnnotations(a).filter((x) => x.source === 'manual'), []);

    // Again, undone this time by "Undo Last Tag All Occurrences".
    const again = await vscode.commands.executeCommand<TagAllResult>('policyAnnotator.tagAllOccurrences', { uri: a, start: second, end: second + NAME.length, label: 'ORG', scope: 'workspace', preview: false });
    assert.equal(again?.tagged, 6);
    assert.equal(lines(await read(bSidecar)).length, 2);
    const undone = await vscode.commands.executeCommand<{ undone: number; notUndone: string[] }>('policyAnnotator.undoTagAllOccurrences');
    assert.deepEqual(undone, { undone: 3, notUndone: [] });
    assert.equal(orgs(), 0);
    assert.equal(await read(bSidecar), undefined);
    assert.equal(await read(cSidecar), cBefore);
    assert.equal(api.failures().errors, errorsBefore, 'nothing failed on the way');
  });

  test('the preview is a checklist of the occurrences: Enter tags the checked ones, Escape tags nothing', async () => {
    const text = '青溪数智研究院发布报告。会议由青溪数智研究院主办。\n';
    const f = await write(vscode.Uri.joinPath(dir('pa-tagall-test'), 'f.txt'), text);
    await vscode.window.showTextDocument(f, { preview: false });
    await api.whenIdle();
    await api.retagNow(f);
    const args = { uri: f, start: 0, end: 7, label: 'TERM', scope: 'file' };
    const tagged = () => api.getAnnotations(f).filter((x) => x.label === 'TERM' && x.text === '青溪数智研究院').length;
    const cancelled = vscode.commands.executeCommand<TagAllResult | undefined>('policyAnnotator.tagAllOccurrences', args);
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await cancelled, undefined);
    assert.equal(tagged(), 0);
    const running = vscode.commands.executeCommand<TagAllResult>('policyAnnotator.tagAllOccurrences', args);
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const r = await running;
    assert.equal(r?.tagged, 2);
    assert.equal(tagged(), 2);
  });

  test('the corpus view counts what the sidecars hold, per file and per label, and follows sidecar changes', async () => {
    const dText = '青溪数智研究院发布报告。会议由青溪数智研究院主办，企业 120 家，增长 15%。\n';
    const d = await write(vscode.Uri.joinPath(dir('pa-corpus-test'), 'd.txt'), dText);
    const eText = `${NAME}成员单位达到 120 家。\n`;
    const e = await write(vscode.Uri.joinPath(dir('pa-corpus-test'), 'e.txt'), eText);
    const at = (t: string, s: string) => ({ start: t.indexOf(s), end: t.indexOf(s) + s.length });
    // d.txt: one manual, one accepted, one rejected decision in its sidecar.
    await write(
      api.sidecarUri(d)!,
      new AnnotatedDocument(dText, [
        { ...at(dText, '报告'), label: 'TERM', state: 'manual' },
        { ...at(dText, '青溪数智研究院'), label: 'ORG', state: 'accepted' },
        { ...at(dText, '120 家'), label: 'NUM', state: 'rejected' },
      ]).serialize('d.txt'),
    );
    // What the editor itself offers as unreviewed in each file, to compare the view with.
    const unreviewedInEditor = async (uri: vscode.Uri) => {
      await vscode.window.showTextDocument(uri, { preview: false });
      await api.whenIdle();
      return (await api.retagNow(uri)).filter((x) => x.source === 'auto').length;
    };
    const dUnreviewed = await unreviewedInEditor(d);
    assert.equal(dUnreviewed, 2, 'the second 青溪数智研究院 and 15%');
    const eUnreviewed = await unreviewedInEditor(e);
    assert.ok(eUnreviewed > 0);

    const row = (s: CorpusSnapshot, uri: vscode.Uri) => s.files.find((f) => f.uri === uri.toString());
    const counts = (r: CorpusSnapshot['files'][number] | undefined) => r && { unreviewed: r.unreviewed, manual: r.manual, accepted: r.accepted, rejected: r.rejected };
    let snap = await waitFor(async () => {
      const s = await api.corpusView();
      return row(s, d) && row(s, e) && s;
    }, 'the corpus view to list the new files');
    assert.deepEqual(counts(row(snap, d)), { unreviewed: dUnreviewed, manual: 1, accepted: 1, rejected: 1 });
    assert.deepEqual(counts(row(snap, e)), { unreviewed: eUnreviewed, manual: 0, accepted: 0, rejected: 0 });
    // The totals per label add up to the files' counts.
    for (const k of ['unreviewed', 'manual', 'accepted', 'rejected'] as const) {
      assert.equal(snap.totals.reduce((n, t) => n + t[k], 0), snap.files.reduce((n, f) => n + f[k], 0), `total ${k}`);
    }
    assert.ok(snap.totals.find((t) => t.label === 'TERM')!.manual >= 1);
    assert.ok(snap.totals.find((t) => t.label === 'NUM')!.rejected >= 1);

    // A decision in e.txt reaches its sidecar, and the view follows.
    await vscode.commands.executeCommand('policyAnnotator.rejectSuggestion', { uri: e, offset: eText.indexOf('120') });
    await vscode.commands.executeCommand('policyAnnotator.save', { uri: e });
    snap = await waitFor(async () => {
      const s = await api.corpusView();
      return row(s, e)?.rejected === 1 && s;
    }, 'the corpus view to count the rejection');
    assert.deepEqual(counts(row(snap, e)), { unreviewed: eUnreviewed - 1, manual: 0, accepted: 0, rejected: 1 });

    // Go to the next file with unreviewed suggestions: from d.txt, another file that has some, at its first suggestion.
    await vscode.window.showTextDocument(d, { preview: false });
    const next = await vscode.commands.executeCommand<string>('policyAnnotator.nextFileWithSuggestions');
    assert.ok(next && next !== d.toString());
    assert.ok(row(snap, vscode.Uri.parse(next))!.unreviewed > 0);
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), next);
    assert.ok(!active.selection.isEmpty, 'its first suggestion is selected');
  });
});
