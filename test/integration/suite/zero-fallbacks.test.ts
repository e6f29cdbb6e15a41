// Runs last (test files run in name order): after every other suite of this window, the
// extension took no fallback — no incremental tagging, annotation edit or glossary load failed
// (issue 15, item 6). Each one is logged in the "Policy Annotator" output channel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../../src/extension/extension';
import { EXTENSION_ID } from './util';

suite('after every suite: no fallbacks', () => {
  test('failures(): zero fallbacks of every kind', async () => {
    const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    assert.deepEqual(api.failures().fallbacks, { 'incremental-tagging': 0, 'annotation-edit': 0, 'glossary-load': 0 });
  });
});
