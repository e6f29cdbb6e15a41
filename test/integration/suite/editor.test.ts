// Issue 4 acceptance inside a real VS Code: decorations per label on a sample text, hovers for a
// glossary TERM, a rule ORG and a NUM, workspace glossaries (custom category colours, a broken file
// reported at its line while the last good version stays in effect), the per-file toggle,
// "Add Selection to Glossary", re-tagging after edits, and the l10n bundles.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getDefaultEngine } from '../../../src/core';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import { EXTENSION_ID, SAMPLE_TXT, openSample, waitFor, workspaceRoot } from './util';

const enc = new TextEncoder();
const dec = new TextDecoder();

async function getApi(): Promise<PolicyAnnotatorApi> {
  const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.activate();
}

function testDir(): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'pa-editor-test');
}

async function writeFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(testDir(), name);
  await vscode.workspace.fs.createDirectory(testDir());
  await vscode.workspace.fs.writeFile(uri, enc.encode(text));
  return uri;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Markdown of every hover at the first occurrence of `needle` (+ `delta` characters). */
async function hoverAt(doc: vscode.TextDocument, needle: string, delta = 1): Promise<string> {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" is in the document`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(i + delta));
  return (hovers ?? [])
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n\n')
    .replace(/\\(.)/g, '$1'); // undo Markdown escapes for the assertions
}

/** Our hovers are MarkdownStrings rendered untrusted, without HTML. */
async function assertUntrusted(doc: vscode.TextDocument, needle: string): Promise<void> {
  const i = doc.getText().indexOf(needle);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(i + 1));
  for (const h of hovers)
    for (const c of h.contents)
      if (c instanceof vscode.MarkdownString) {
        assert.notEqual(c.isTrusted, true, 'hover Markdown is not trusted');
        assert.notEqual(c.supportHtml, true, 'hover Markdown does not render HTML');
      }
}

function textsOf(api: PolicyAnnotatorApi, doc: vscode.TextDocument, label: string): string[] {
  return api
    .getDecorations(doc.uri)
    .filter((d) => d.label === label)
    .flatMap((d) => d.ranges.map((r) => doc.getText(r)));
}

const HOVER_TEXT = '支持华宁星河科技集团等企业发展，实施“智改数转”行动，全市投资3272.01 亿元，培育专精特新企业140 多家，建设江心洲测专术语示范区。';

suite('editor: highlights, hovers and glossaries (issue 4)', function () {
  this.timeout(60_000);
  let api: PolicyAnnotatorApi;

  suiteSetup(async () => {
    api = await getApi();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    try {
      await vscode.workspace.fs.delete(testDir(), { recursive: true, useTrash: false });
    } catch {
      /* already gone */
    }
  });

  test('decorations appear on the sample text for NUM, ORG and TERM, matching the annotations', async () => {
    const editor = await openSample(SAMPLE_TXT);
    const doc = editor.document;
    await api.whenIdle();
    const decorations = await waitFor(() => {
      const d = api.getDecorations(doc.uri);
      return ['NUM', 'ORG', 'TERM'].every((l) => d.some((x) => x.label === l && x.ranges.length > 0)) ? d : undefined;
    }, 'decorations for every label');
    // Unreviewed engine output is shown as suggestions.
    assert.ok(decorations.every((d) => d.state === 'auto'), JSON.stringify(decorations.map((d) => [d.label, d.state])));
    assert.ok(textsOf(api, doc, 'NUM').includes('1500亿元'), `NUM: ${textsOf(api, doc, 'NUM').join(' | ')}`);
    assert.ok(textsOf(api, doc, 'ORG').includes('南瑞集团'), `ORG: ${textsOf(api, doc, 'ORG').join(' | ')}`);
    assert.ok(textsOf(api, doc, 'TERM').includes('营商环境'), `TERM: ${textsOf(api, doc, 'TERM').join(' | ')}`);
    // What is drawn is exactly what the API reports, label by label.
    const annotations = api.getAnnotations(doc.uri);
    for (const label of ['NUM', 'ORG', 'TERM']) {
      const drawn = decorations.filter((d) => d.label === label).flatMap((d) => d.ranges.map((r) => doc.offsetAt(r.start) + ':' + doc.offsetAt(r.end)));
      const reported = annotations.filter((a) => a.label === label).map((a) => doc.offsetAt(a.range.start) + ':' + doc.offsetAt(a.range.end));
      assert.deepEqual(drawn.sort(), reported.sort(), label);
    }
    assert.ok(annotations.every((a) => a.source === 'auto' && a.text === doc.getText(a.range)));
    // The status bar counts them per label.
    assert.match(api.statusText(), /NUM \d+ · ORG \d+ · TERM \d+/);
  });

  test('the span tree lists the file\'s spans by label, and clicking one reveals it', async () => {
    const editor = await openSample(SAMPLE_TXT);
    await api.whenIdle();
    const tree = await waitFor(() => {
      const t = api.spanTree();
      return t.length >= 3 ? t : undefined;
    }, 'the span tree');
    assert.deepEqual(tree.slice(0, 3).map((g) => g.group), ['NUM', 'ORG', 'TERM']);
    const org = tree.find((g) => g.group === 'ORG')!;
    assert.equal(org.count, api.getAnnotations(editor.document.uri).filter((a) => a.label === 'ORG').length);
    const item = org.items.find((i) => i.text === '南瑞集团');
    assert.ok(item?.command, `an item for 南瑞集团 with a command: ${JSON.stringify(org.items.map((i) => i.text))}`);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.getText(active.selection), '南瑞集团');
  });

  test('hover on a NUM shows its normalized value', async () => {
    const doc = (await open(await writeFile('hover.txt', HOVER_TEXT))).document;
    await api.whenIdle();
    const money = await hoverAt(doc, '3272.01 亿元');
    assert.match(money, /3272\.01 亿元 = 327,201,000,000 元/);
    const over = await hoverAt(doc, '140 多家');
    assert.match(over, /140 多家 → more than 140/);
    await assertUntrusted(doc, '3272.01');
  });

  test('hover on a rule-found ORG says why it was found', async () => {
    const doc = (await open(sampleUriIn('hover.txt'))).document;
    const org = await hoverAt(doc, '华宁星河科技集团', 2);
    assert.match(org, /华宁星河科技集团/);
    assert.match(org, /ORG/);
    assert.match(org, /Found by rule/);
    assert.match(org, /集团/);
  });

  test('hover on a glossary TERM shows the entry, the alias that matched and the glossary file', async () => {
    const doc = (await open(sampleUriIn('hover.txt'))).document;
    const entry = getDefaultEngine().glossary.lookup('专精特新');
    assert.ok(entry, 'the bundled glossary defines 专精特新');
    const term = await hoverAt(doc, '专精特新企业', 1);
    assert.match(term, /专精特新/);
    assert.match(term, /TERM/);
    const firstLine = entry.definition.trim().split('\n')[0].slice(0, 12);
    assert.ok(term.includes(firstLine), `hover shows the definition ("${firstLine}…"):\n${term}`);
    if (entry.term !== '专精特新企业') assert.match(term, /Matched alias: 专精特新企业/);
    assert.match(term, /Glossary: bundled default/);
  });

  test('a workspace glossary is loaded: its entry in hovers (untrusted Markdown), its custom category coloured', async () => {
    await writeFile(
      'test.glossary.yaml',
      [
        'version: 1',
        'categories:',
        '  - name: PLACE',
        '    color: "#2e7d32"',
        '    description: 地名',
        'entries:',
        '  - term: 测试专用术语',
        '    category: TERM',
        '    aliases: [测专术语]',
        '    definition: |',
        '      用于**集成测试**的术语。[退出](command:workbench.action.closeWindow) <b>粗体</b> ![图](https://example.com/x.png)',
        '    source: 测试文件《集成测试》',
        '    see_also: [专精特新]',
        '  - term: 江心洲',
        '    category: PLACE',
        '    definition: 南京的一个江中洲岛。',
        '',
      ].join('\n'),
    );
    const doc = (await open(sampleUriIn('hover.txt'))).document;
    await waitFor(() => api.glossaryFiles().some((u) => u.path.endsWith('/pa-editor-test/test.glossary.yaml')), 'the new glossary file to be picked up');
    await api.whenIdle();
    await waitFor(() => api.getAnnotations(doc.uri).some((a) => a.label === 'PLACE'), 'the custom category PLACE to be tagged');
    const hover = await hoverAt(doc, '测专术语', 1);
    assert.match(hover, /测试专用术语/);
    assert.match(hover, /集成测试/);
    assert.match(hover, /Matched alias: 测专术语/);
    assert.match(hover, /Source: 测试文件《集成测试》/);
    assert.match(hover, /See also: 专精特新/);
    assert.match(hover, /pa-editor-test\/test\.glossary\.yaml:7/);
    assert.doesNotMatch(hover, /command:|<b>|!\[|example\.com/, 'no command links, HTML or remote images');
    await assertUntrusted(doc, '测专术语');
    // The custom category has its own decoration.
    await waitFor(() => api.getDecorations(doc.uri).some((d) => d.label === 'PLACE' && d.ranges.some((r) => doc.getText(r) === '江心洲')), 'a PLACE decoration');
  });

  test('a define-only entry (show: hover) is explained on hover where it occurs but never tagged', async () => {
    await writeFile(
      'define-only.glossary.yaml',
      ['version: 1', 'entries:', '  - term: 试验田释义改革', '    category: TERM', '    show: hover', '    definition: 只释义、不标注的条目。', ''].join('\n'),
    );
    // A PDF line break inside the surface, and a tagged term beside it.
    const doc = (await open(await writeFile('define-only.txt', '今年推进试验田释义\n改革，推动高质量发展。'))).document;
    await waitFor(() => api.glossaryFiles().some((u) => u.path.endsWith('/pa-editor-test/define-only.glossary.yaml')), 'the define-only glossary to be picked up');
    await api.whenIdle();
    await waitFor(() => api.getAnnotations(doc.uri).some((a) => a.text === '高质量发展'), 'the text to be tagged');
    assert.ok(!api.getAnnotations(doc.uri).some((a) => a.text.replace(/\s/g, '').includes('释义')), 'the define-only surface is not tagged');
    assert.ok(!textsOf(api, doc, 'TERM').some((t) => t.includes('释义')), 'nor highlighted');
    for (const needle of ['试验田', '改革']) {
      const hover = await hoverAt(doc, needle, 1);
      assert.match(hover, /试验田释义改革/, `hover at ${needle}`);
      assert.match(hover, /只释义、不标注的条目。/);
      assert.match(hover, /defined only/);
    }
    await assertUntrusted(doc, '试验田');
    assert.equal(await hoverAt(doc, '推进', 0), '', 'no hover where neither a span nor a define-only surface is');
  });

  test('a broken glossary gives a diagnostic at its line while hovers keep the last good version', async () => {
    const good = ['version: 1', 'entries:', '  - term: 坏表专用词', '    category: TERM', '    definition: 第一版定义', ''].join('\n');
    const uri = await writeFile('broken.glossary.yaml', good);
    const text = (await open(await writeFile('broken.txt', '这里出现坏表专用词一次。'))).document;
    await waitFor(() => api.glossaryFiles().some((u) => u.toString() === uri.toString()), 'the glossary to be picked up');
    await api.whenIdle();
    await waitFor(async () => (await hoverAt(text, '坏表专用词')).includes('第一版定义'), 'the first definition in the hover');

    // Break it through the editor and save, as a user would: an unknown category on line 7.
    const gdoc = await vscode.workspace.openTextDocument(uri);
    const broken = ['version: 1', 'entries:', '  - term: 坏表专用词', '    category: TERM', '    definition: 第二版定义', '  - term: 另一个', '    category: NOSUCH', '    definition: x', ''].join('\n');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, gdoc.lineCount, 0), broken);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await gdoc.save());
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error);
      return d.length > 0 ? d : undefined;
    }, 'an error diagnostic on the glossary');
    assert.equal(diags[0].range.start.line, 6, `diagnostic on line 7: ${diags[0].message}`);
    assert.equal(diags[0].range.start.character, 14);
    assert.match(diags[0].message, /NOSUCH/);
    await api.whenIdle();
    const hover = await hoverAt(text, '坏表专用词');
    assert.match(hover, /第一版定义/, 'the last good version stays in effect');
    assert.doesNotMatch(hover, /第二版定义/);

    // A YAML syntax error is located as well (line 6, column 11).
    const syntax = ['version: 1', 'entries:', '  - term: 坏表专用词', '    category: TERM', '    definition: 第三版定义', '  - term: 另一个', '     category: TERM', '    definition: x', ''].join('\n');
    await vscode.workspace.fs.writeFile(uri, enc.encode(syntax));
    await waitFor(() => vscode.languages.getDiagnostics(uri).some((d) => d.range.start.line === 5 && d.severity === vscode.DiagnosticSeverity.Error), 'a YAML error on line 6');
    await api.whenIdle();
    assert.match(await hoverAt(text, '坏表专用词'), /第一版定义/);

    // Fixed: the new version takes effect and the problems go away.
    await vscode.workspace.fs.writeFile(uri, enc.encode(good.replace('第一版定义', '第四版定义')));
    await waitFor(() => vscode.languages.getDiagnostics(uri).length === 0, 'the diagnostics to clear');
    await api.whenIdle();
    await waitFor(async () => (await hoverAt(text, '坏表专用词')).includes('第四版定义'), 'the fixed definition in the hover');
  });

  test('the per-file toggle clears and restores the highlights', async () => {
    const editor = await openSample(SAMPLE_TXT);
    const uri = editor.document.uri;
    await api.whenIdle();
    await waitFor(() => api.getDecorations(uri).length > 0, 'decorations');
    await vscode.commands.executeCommand('policyAnnotator.toggleFile');
    assert.equal(api.isEnabled(uri), false);
    assert.ok(api.getDecorations(uri).every((d) => d.ranges.length === 0));
    assert.match(api.statusText(), /off/i);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(editor.document.getText().indexOf('南瑞集团') + 1));
    assert.ok(!hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('ORG'))), 'no hover while off');
    await vscode.commands.executeCommand('policyAnnotator.toggleFile');
    assert.equal(api.isEnabled(uri), true);
    await api.whenIdle();
    await waitFor(() => api.getDecorations(uri).some((d) => d.ranges.length > 0), 'decorations back');
  });

  test('edits are re-tagged after the debounce: spans shift and new ones appear', async () => {
    const editor = await open(sampleUriIn('hover.txt'));
    const doc = editor.document;
    await api.whenIdle();
    const before = api.getAnnotations(doc.uri).find((a) => a.text === '3272.01 亿元');
    assert.ok(before);
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), '新增投资2000亿元。')));
    await api.whenIdle();
    const after = api.getAnnotations(doc.uri);
    assert.ok(after.some((a) => a.label === 'NUM' && a.text === '2000亿元'), 'the inserted number is tagged');
    const moved = after.find((a) => a.text === '3272.01 亿元');
    assert.ok(moved);
    assert.equal(doc.offsetAt(moved.range.start), doc.offsetAt(before.range.start) + '新增投资2000亿元。'.length);
    const drawn = textsOf(api, doc, 'NUM');
    assert.ok(drawn.includes('2000亿元'), `decorations follow: ${drawn.join(' | ')}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('"Add Selection to Glossary" appends an entry, opens it at the definition and highlights the term', async () => {
    const editor = await open(await writeFile('add.txt', '本文提到一个新词星河织锦工程和其他内容。'));
    const doc = editor.document;
    const i = doc.getText().indexOf('星河织锦工程');
    editor.selection = new vscode.Selection(doc.positionAt(i), doc.positionAt(i + '星河织锦工程'.length));
    const target = vscode.Uri.joinPath(testDir(), 'added.glossary.yaml');
    await vscode.commands.executeCommand('policyAnnotator.addToGlossary', { category: 'TERM', file: target });
    const text = dec.decode(await vscode.workspace.fs.readFile(target));
    assert.match(text, /- term: 星河织锦工程\n\s+category: TERM\n\s+definition: ""/);
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), target.toString(), 'the glossary is opened');
    assert.match(active!.document.lineAt(active!.selection.active.line).text, /definition:/, 'the cursor is at the definition');
    await waitFor(() => api.getAnnotations(doc.uri).some((a) => a.label === 'TERM' && a.text === '星河织锦工程'), 'the new term to be tagged');
  });

  test('the l10n bundles and the manifest strings exist in English and Simplified Chinese', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const read = async (p: string) => JSON.parse(dec.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, p)))) as Record<string, string>;
    const [en, zh, nlsEn, nlsZh] = await Promise.all([read('l10n/bundle.l10n.json'), read('l10n/bundle.l10n.zh-cn.json'), read('package.nls.json'), read('package.nls.zh-cn.json')]);
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nlsEn).sort());
    assert.equal(zh['more than {0}'], '超过 {0}');
    assert.equal(nlsZh.displayName, '政策文本标注');
    for (const [k, v] of Object.entries(nlsZh)) assert.ok(v.trim() !== '', k);
  });
});

function sampleUriIn(name: string): vscode.Uri {
  return vscode.Uri.joinPath(testDir(), name);
}
