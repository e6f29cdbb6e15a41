// Restricted Mode inside a real VS Code (issue 8): workspace trust on, the workspace never trusted.
// package.json declares `untrustedWorkspaces: limited` with `policyAnnotator.glossary.files` and
// `policyAnnotator.sidecarFolder` as restricted settings. What a user relies on, checked here on
// the hostile fixture of ./fixture.ts:
//   - the window really is untrusted (else every other test here would prove nothing);
//   - the extension still activates and tags with the bundled glossary, and reads the default
//     glossary location `.policy-annotator/glossary.yaml` as data;
//   - the workspace's values of the restricted settings are not honoured (the hostile glossary
//     they point at is never loaded; sidecars stay next to the texts, nothing is written outside
//     the workspace), while the user's own values still apply;
//   - glossary Markdown is never rendered trusted, and command links, HTML and remote images
//     come out neutralised in the hover content itself;
//   - exports write only inside the chosen folder, whatever the sidecars' `document` fields say;
//   - nothing from the workspace runs: YAML tags stay text, scripts stay files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import type { ExportRunResult } from '../../../src/extension/exportCommands';
import { EXTENSION_ID, waitFor, workspaceRoot } from '../suite/util';
import { ESCAPE_SETTING, HOSTILE_TERM, MARKER, TAGGED_TERM, TEXT, TEXT_NAME, WORKSPACE_TERM } from './fixture';

const ws = () => workspaceRoot().fsPath;
/** The run folder: the workspace's parent, where `../escape` would land. */
const runDir = () => path.dirname(ws());
const escapeDir = () => path.resolve(ws(), ESCAPE_SETTING);
const absoluteEscape = () => path.join(runDir(), 'abs-escape');
const exportTarget = () => path.join(runDir(), 'export-out');

/** Every file below `dir` (relative, sorted); `skip` names top-level entries to leave out. */
function listFiles(dir: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (!rel && skip.includes(e.name)) continue;
      if (e.isDirectory()) walk(path.join(d, e.name), `${rel}${e.name}/`);
      else out.push(rel + e.name);
    }
  };
  if (fs.existsSync(dir)) walk(dir, '');
  return out.sort();
}

/** The run folder outside the workspace, minus what VS Code and the runner write there themselves. */
const outsideWorkspace = () => listFiles(runDir(), [path.basename(ws()), 'user-data', 'extensions', 'code-server.log', 'result.json', 'export-out']);

async function hoverContents(doc: vscode.TextDocument, needle: string): Promise<(vscode.MarkdownString | vscode.MarkedString)[]> {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" is in the document`);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(i + 1))) ?? [];
  return hovers.flatMap((h) => h.contents);
}
const valueOf = (c: vscode.MarkdownString | vscode.MarkedString) => (typeof c === 'string' ? c : c.value);

suite('Restricted Mode: an untrusted workspace (issue 8)', function () {
  this.timeout(90_000);
  let api: PolicyAnnotatorApi;
  let doc: vscode.TextDocument;
  let before: string[];

  suiteSetup(async () => {
    // Without this every test below could pass in a trusted window: stop the whole suite here.
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace must be untrusted (Restricted Mode) for this suite to mean anything');
    before = outsideWorkspace();
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(ws(), TEXT_NAME)));
    await vscode.window.showTextDocument(doc, { preview: false });
    const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is known`);
    await waitFor(() => ext.isActive, 'the extension to activate on its own in Restricted Mode');
    api = ext.exports;
    await api.reloadGlossaries();
    await api.whenIdle();
  });

  suiteTeardown(async () => {
    for (const target of [vscode.ConfigurationTarget.Global, vscode.ConfigurationTarget.Workspace]) {
      await vscode.workspace.getConfiguration('policyAnnotator').update('sidecarFolder', undefined, target).then(undefined, () => undefined);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the window is in Restricted Mode and VS Code hides the workspace values of the restricted settings', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const c = vscode.workspace.getConfiguration('policyAnnotator');
    // The workspace file asks for these; in Restricted Mode VS Code gives the defaults instead.
    assert.notDeepEqual(c.get('glossary.files'), ['hostile/*.yaml']);
    assert.notEqual(c.get('sidecarFolder'), ESCAPE_SETTING);
    assert.notEqual(c.get('export.targetFolder'), ESCAPE_SETTING, 'the export dialog is not steered by the workspace');
    assert.ok(fs.readFileSync(path.join(ws(), '.vscode/settings.json'), 'utf8').includes('hostile/*.yaml'), 'the hostile workspace settings are there');
  });

  test('the extension activates and tags with the bundled glossary; the default glossary location is read as data', async () => {
    const spans = await waitFor(() => {
      const a = api.getAnnotations(doc.uri);
      return a.some((x) => x.text === WORKSPACE_TERM) ? a : undefined;
    }, 'annotations including the workspace glossary term');
    const found = spans.map((s) => `${s.label}:${s.text}`);
    for (const want of ['TERM:专精特新企业', 'ORG:南瑞集团', 'NUM:150亿元', `TERM:${WORKSPACE_TERM}`]) assert.ok(found.includes(want), `${want} in ${found.join(', ')}`);
    await waitFor(() => api.getDecorations(doc.uri).some((d) => d.ranges.length > 0), 'highlights drawn in the editor');
    const files = api.glossaryFiles().map((u) => path.relative(ws(), u.fsPath));
    assert.deepEqual(files, ['.policy-annotator/glossary.yaml'], 'only the default location is read');
    assert.match(api.statusText(), /TERM \d+/);
  });

  test('workspace glossary.files is not honoured: the hostile glossary it points at is never loaded', async () => {
    await api.reloadGlossaries();
    await api.whenIdle();
    assert.ok(!api.glossaryFiles().some((u) => u.path.includes('/hostile/')), 'hostile/evil.yaml is not a glossary here');
    const spans = await api.retagNow(doc.uri, { full: true });
    assert.ok(!spans.some((s) => s.text.includes(HOSTILE_TERM)), `the hostile term is not tagged: ${spans.map((s) => s.text).join(', ')}`);
    const hover = (await hoverContents(doc, HOSTILE_TERM)).map(valueOf).join('\n');
    assert.doesNotMatch(hover, /受限设置/, 'no hover from the hostile glossary');
    assert.equal(vscode.languages.getDiagnostics(vscode.Uri.file(path.join(ws(), 'hostile/evil.yaml'))).length, 0);
  });

  test('workspace sidecarFolder is not honoured (../escape, an absolute path, a relative folder); the user setting is', async () => {
    const next = vscode.Uri.file(path.join(ws(), TEXT_NAME + '.annotations.jsonl'));
    assert.equal(api.sidecarUri(doc.uri)?.toString(), next.toString(), `${ESCAPE_SETTING} from the workspace is ignored`);
    const c = () => vscode.workspace.getConfiguration('policyAnnotator');
    // A workspace value written now (as a hostile task or a teammate's commit would) is ignored too.
    for (const value of [absoluteEscape(), 'inside-sidecars']) {
      await c().update('sidecarFolder', value, vscode.ConfigurationTarget.Workspace);
      assert.ok(fs.readFileSync(path.join(ws(), '.vscode/settings.json'), 'utf8').includes(JSON.stringify(value).slice(1, -1)), `the workspace file holds ${value}`);
      assert.equal(api.sidecarUri(doc.uri)?.toString(), next.toString(), `workspace value ${value} is ignored`);
    }
    // Annotate and save: the sidecar is written next to the text, nowhere else.
    const start = TEXT.indexOf(HOSTILE_TERM);
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { uri: doc.uri, start, end: start + HOSTILE_TERM.length, label: 'ORG' });
    await vscode.commands.executeCommand('policyAnnotator.save', { uri: doc.uri });
    await waitFor(() => fs.existsSync(next.fsPath), 'the sidecar next to the text');
    assert.match(fs.readFileSync(next.fsPath, 'utf8'), new RegExp(HOSTILE_TERM));
    for (const p of [escapeDir(), absoluteEscape(), path.join(ws(), 'inside-sidecars')]) assert.ok(!fs.existsSync(p), `nothing at ${p}`);
    // The user's own setting is not restricted: it still applies in Restricted Mode.
    await c().update('sidecarFolder', 'user-sidecars', vscode.ConfigurationTarget.Global);
    await waitFor(() => api.sidecarUri(doc.uri)?.fsPath === path.join(ws(), 'user-sidecars', TEXT_NAME + '.annotations.jsonl'), 'the user setting to apply');
    await c().update('sidecarFolder', undefined, vscode.ConfigurationTarget.Global);
    await c().update('sidecarFolder', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('glossary Markdown is never trusted: command links, HTML and remote images come out neutralised', async () => {
    const contents = await hoverContents(doc, WORKSPACE_TERM);
    assert.ok(contents.length > 0, 'a hover');
    for (const c of contents) {
      assert.ok(c instanceof vscode.MarkdownString, 'hover contents are MarkdownStrings');
      assert.notEqual(c.isTrusted, true, 'isTrusted is not true');
      assert.notEqual(c.supportHtml, true, 'supportHtml is not true');
    }
    const md = contents.map(valueOf).join('\n');
    assert.match(md, /工作区定义/, `the definition is shown:\n${md}`);
    assert.match(md, /点我/, 'link text is kept');
    // No command: link survives as a link: inline, reference or autolink. (The <a href="command:…">
    // tag is shown as escaped text below, which is inert.)
    assert.doesNotMatch(md, /\]\(\s*<?\s*command:/i, `no inline command: link:\n${md}`);
    assert.doesNotMatch(md, /^\s{0,3}\[[^\]]+\]:\s*<?command:/im, 'no reference definition to a command');
    assert.doesNotMatch(md, /<\s*command:/i, 'no autolink to a command');
    assert.match(md, /&lt;a href="command:workbench\.action\.quit"&gt;退出&lt;\/a&gt;/, 'the <a> tag is shown as text');
    assert.doesNotMatch(md, /<(img|b|a)\b/i, 'no raw HTML tag survives (shown escaped as text)');
    assert.match(md, /&lt;img src=https:\/\/evil\.invalid\/y\.png&gt;/, 'the <img> tag is shown as text');
    assert.doesNotMatch(md, /!\[/, 'no image syntax survives');
    assert.doesNotMatch(md, /\(https:\/\/evil\.invalid\/x\.png\)/, 'the remote image is not linked');
    assert.match(md, /\[网页\]\(https:\/\/example\.com\/ok\)/, 'an ordinary web link is kept');
  });

  test('exports write only inside the chosen folder, whatever the sidecars\' document fields say', async () => {
    const folder = vscode.Uri.file(path.join(ws(), 'export-src'));
    const srcBefore = listFiles(folder.fsPath);
    for (const format of ['native', 'doccano', 'label-studio', 'brat', 'conll'] as const) {
      const target = path.join(exportTarget(), format);
      const r = await vscode.commands.executeCommand<ExportRunResult | undefined>('policyAnnotator.exportFolder', { folder, format, includeSuggestions: true, target: vscode.Uri.file(target) });
      assert.ok(r, format);
      assert.equal(r.error, undefined, format);
      assert.equal(r.summary.exported, 3, `${format}: three documents`);
      assert.deepEqual(r.documents.map((d) => d.id).sort(), ['absolute', 'climb', 'sub/deeper'], format);
      assert.deepEqual(listFiles(target), [...r.written].sort(), `${format}: exactly the reported files, all inside the target`);
      for (const f of r.written) assert.ok(!path.relative(target, path.resolve(target, f)).startsWith('..'), `${format}: ${f} inside the target`);
    }
    const single = path.join(exportTarget(), 'single');
    const r = await vscode.commands.executeCommand<ExportRunResult | undefined>('policyAnnotator.exportFile', { uri: vscode.Uri.joinPath(folder, 'climb.txt'), format: 'brat', includeSuggestions: true, target: vscode.Uri.file(single) });
    assert.ok(r);
    assert.deepEqual(listFiles(single), [...r.written].sort());
    assert.deepEqual(listFiles(folder.fsPath), srcBefore, 'the exported folder is unchanged');
    assert.ok(!fs.existsSync(escapeDir()), 'nothing at ../escape');
  });

  test('nothing from the workspace runs: YAML tags stay text, scripts stay files', async () => {
    await api.reloadGlossaries();
    await api.whenIdle();
    const md = (await hoverContents(doc, TAGGED_TERM)).map(valueOf).join('\n');
    assert.match(md, /function \(\)/, `the !!js/function value is shown as text:\n${md}`);
    const glossaryUri = vscode.Uri.file(path.join(ws(), '.policy-annotator/glossary.yaml'));
    const tags = vscode.languages.getDiagnostics(glossaryUri).filter((d) => /Unresolved tag/.test(d.message));
    assert.deepEqual(tags.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[10, 16, vscode.DiagnosticSeverity.Warning], [11, 12, vscode.DiagnosticSeverity.Warning]], 'each tag is a located warning');
    assert.ok(!fs.existsSync(path.join(ws(), MARKER)), 'no marker: nothing from the workspace ran');
    // No module of the workspace was ever loaded into the extension host.
    const loaded = Object.keys(require.cache).filter((m) => m.startsWith(ws() + path.sep));
    assert.deepEqual(loaded, []);
  });

  test('nothing was written outside the workspace except the chosen export folder', () => {
    assert.deepEqual(outsideWorkspace(), before);
    assert.ok(!fs.existsSync(escapeDir()) && !fs.existsSync(absoluteEscape()));
  });
});
