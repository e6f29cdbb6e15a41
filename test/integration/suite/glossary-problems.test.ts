// Issue 8 in the editor: every hostile glossary of test/hardening/glossary-fixtures.ts (the same
// files the CLI test feeds to `tag --glossary`), written into the workspace where the extension
// finds glossaries (`**/*.glossary.yaml`, picked up by its file watcher). For each: the Problems
// panel gets a diagnostic at exactly the expected Range (line, column, end of the underlined
// token) with the right severity and message; the file's valid entry is used (the hover shows its
// definition and the file it came from); loading ends within a bound; and after all of them the
// extension still tags, hovers and re-tags after an edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import { EXPECTED_PROBLEMS, HOSTILE_GLOSSARIES, PROBE_TEXT, VALID_DEFINITION, VALID_TERM, bigGlossary, bigTerm, type ExpectedProblem } from '../../hardening/glossary-fixtures';
import { EXTENSION_ID, waitFor, workspaceRoot } from './util';

const enc = new TextEncoder();
const BIG_ENTRIES = 200_000;

const testDir = () => vscode.Uri.joinPath(workspaceRoot(), 'pa-glossary-problems');

/** The Range the Problems panel must show for an expected problem (0-based, end exclusive). */
function rangeOf(p: ExpectedProblem): vscode.Range {
  return new vscode.Range(p.line - 1, p.column - 1, p.line - 1, p.endColumn - 1);
}

const show = (d: vscode.Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${d.message.slice(0, 120)}`;

async function hoverAt(doc: vscode.TextDocument, needle: string): Promise<string> {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" is in the document`);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(i + 1))) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
}

suite('glossary problems in the editor: each hostile glossary (issue 8)', function () {
  this.timeout(120_000);
  let api: PolicyAnnotatorApi;
  let probe: vscode.TextDocument;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    await vscode.workspace.fs.createDirectory(testDir());
    const probeUri = vscode.Uri.joinPath(testDir(), 'probe.txt');
    await vscode.workspace.fs.writeFile(probeUri, enc.encode(`${PROBE_TEXT}\n推进${bigTerm(12345)}。\n`));
    probe = await vscode.workspace.openTextDocument(probeUri);
    await vscode.window.showTextDocument(probe, { preview: false });
    await api.reloadGlossaries();
    await api.whenIdle();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(testDir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await api.whenIdle();
  });

  /**
   * Writes `content` as a new workspace glossary, waits (at most `boundMs`) for the expected
   * diagnostic, checks every diagnostic is located inside the file, returns the load time.
   */
  async function load(name: string, content: string | Uint8Array, want: ExpectedProblem, boundMs: number): Promise<{ uri: vscode.Uri; ms: number }> {
    const uri = vscode.Uri.joinPath(testDir(), name);
    const started = Date.now();
    await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? enc.encode(content) : content);
    const expected = rangeOf(want);
    const severity = want.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
    let diags: vscode.Diagnostic[] = [];
    await waitFor(() => {
      diags = vscode.languages.getDiagnostics(uri);
      return diags.some((d) => d.range.isEqual(expected) && d.severity === severity && want.pattern.test(d.message));
    }, `${name}: a ${want.severity} at ${want.line}:${want.column}-${want.endColumn} matching ${want.pattern}`, boundMs).catch((e: Error) => {
      throw new Error(`${e.message}\n  diagnostics: ${diags.map(show).join('\n               ') || 'none'}`);
    });
    await api.whenIdle();
    const ms = Date.now() - started;
    const lines = (await vscode.workspace.openTextDocument(uri)).lineCount;
    for (const d of diags) {
      assert.equal(d.source, 'policy-annotator', show(d));
      assert.ok(d.range.start.line < lines && !d.range.isEmpty, `${name}: located inside the file: ${show(d)}`);
    }
    assert.ok(api.glossaryFiles().some((u) => u.toString() === uri.toString()), `${name} is a glossary in effect`);
    console.log(`      ${name}: ${diags.length} diagnostic(s), loaded in ${ms} ms`);
    return { uri, ms };
  }

  async function remove(uri: vscode.Uri): Promise<void> {
    await vscode.workspace.fs.delete(uri, { useTrash: false });
    await waitFor(() => vscode.languages.getDiagnostics(uri).length === 0 && !api.glossaryFiles().some((u) => u.toString() === uri.toString()), `${uri.path}: dropped after deletion`);
    await api.whenIdle();
  }

  for (const [fixture, content] of Object.entries(HOSTILE_GLOSSARIES)) {
    const name = fixture.replace(/\.yaml$/, '.glossary.yaml');
    test(`${fixture}: located in the Problems panel, its valid entry used`, async () => {
      const want = EXPECTED_PROBLEMS[fixture];
      assert.ok(want, `an expectation for ${fixture}`);
      const { uri } = await load(name, content, want, 20_000);
      // The valid entry of this very file is what the hover shows (the later duplicate wins).
      const definition = fixture === 'duplicate.yaml' ? '另一个定义' : VALID_DEFINITION;
      await waitFor(async () => {
        const h = await hoverAt(probe, VALID_TERM);
        return h.includes(definition) && h.includes(`pa-glossary-problems/${name}:`);
      }, `${name}: the hover on ${VALID_TERM} shows this file's definition`);
      assert.ok(api.getAnnotations(probe.uri).some((a) => a.text === VALID_TERM && a.label === 'TERM'));
      await remove(uri);
    });
  }

  test(`${BIG_ENTRIES.toLocaleString('en-US')} entries with a broken last one: located at the end, the other entries used, loaded in bounded time`, async function () {
    this.timeout(300_000);
    const want: ExpectedProblem = { line: 4 * BIG_ENTRIES + 1, column: 15, endColumn: 19, severity: 'error', pattern: /unknown category "NOPE"/ };
    const { uri, ms } = await load('big.glossary.yaml', bigGlossary(BIG_ENTRIES, { brokenLast: true }), want, 180_000);
    assert.ok(ms < 180_000, `${ms} ms`);
    await waitFor(() => api.getAnnotations(probe.uri).some((a) => a.text === bigTerm(12345) && a.label === 'ORG'), `${bigTerm(12345)} tagged from the big glossary`);
    assert.match(await hoverAt(probe, bigTerm(12345)), /第12345条定义/);
    await remove(uri);
  });

  test('afterwards the extension still works: tags, hovers, re-tags after an edit', async () => {
    assert.ok(!api.glossaryFiles().some((u) => u.path.includes('/pa-glossary-problems/')), 'none of the hostile glossaries is left');
    const editor = await vscode.window.showTextDocument(probe, { preview: false });
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), '全市投资3272.01 亿元。')));
    await waitFor(() => api.getAnnotations(probe.uri).some((a) => a.label === 'NUM' && a.text === '3272.01 亿元'), 'the inserted number tagged');
    assert.ok(api.getAnnotations(probe.uri).some((a) => a.label === 'TERM' && a.text === '专精特新企业'));
    assert.match(await hoverAt(probe, '专精特新企业'), /TERM/);
    assert.ok(!api.getAnnotations(probe.uri).some((a) => a.text === bigTerm(12345)), 'the deleted big glossary is no longer in effect');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
