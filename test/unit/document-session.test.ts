import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDefaultEngine } from '../../src/core/engine';
import { DocumentSession } from '../../src/core/session/document-session';
import { parseSidecar } from '../../src/core/annotations/sidecar';
import { AnnotatedDocument } from '../../src/core/annotations/document';
import type { TextEdit } from '../../src/core/types';
import { mulberry32 } from './helpers';
import { fixtureCorpus } from '../fixtures/fixtures';

const engine = getDefaultEngine();
const TEXT = fixtureCorpus()[0].text.slice(0, 3000);
const key = (spans: readonly { start: number; end: number; label: string }[]) => spans.map((s) => `${s.start}:${s.end}:${s.label}`);

function sidecarWith(text: string, manual: { start: number; end: number; label: string }): ReturnType<typeof parseSidecar> {
  const doc = new AnnotatedDocument(text, [], { author: 'li' });
  doc.tag(manual, manual.label);
  return parseSidecar(doc.serialize('a.txt'), 'a.txt');
}

test('DocumentSession: edits keep the engine spans equal to a full tag and annotations on their text', () => {
  const r = mulberry32(15);
  const at = TEXT.indexOf('发展');
  assert.ok(at > 0);
  const s = new DocumentSession(TEXT);
  s.loadAnnotations(sidecarWith(TEXT, { start: at, end: at + 2, label: 'TERM' }));
  assert.equal(s.tag(engine), 'full');
  let text = TEXT;
  let dropped = 0;
  for (let round = 0; round < 30; round++) {
    const edits: TextEdit[] = [];
    for (let k = 0; k < 1 + Math.floor(r() * 3); k++) {
      const start = Math.floor(r() * text.length);
      const end = Math.min(text.length, start + Math.floor(r() * 6));
      const newText = ['', '，', '2024年', '国务院', '增长5%'][Math.floor(r() * 5)];
      const e = { start, end, newText };
      edits.push(e);
      text = text.slice(0, start) + newText + text.slice(end);
    }
    dropped += s.applyEdits(edits).dropped.length;
    assert.equal(s.text, text);
    if (round % 3 === 2) {
      assert.equal(s.tag(engine), 'incremental');
      assert.deepEqual(key(s.spans!), key(engine.tag(text)), `round ${round}`);
    }
    for (const a of s.document.all()) assert.ok(a.end <= text.length && a.start < a.end);
  }
  // The manual tag is still there, or an edit removed its text and said so.
  assert.equal(s.document.all().filter((a) => a.state === 'manual').length + dropped, 1);
});

test('DocumentSession: the order of loading annotations and tagging does not matter', () => {
  const at = TEXT.indexOf('发展');
  const sidecar = sidecarWith(TEXT, { start: at, end: at + 2, label: 'TERM' });
  const a = new DocumentSession(TEXT);
  a.loadAnnotations(sidecar);
  a.tag(engine);
  const b = new DocumentSession(TEXT);
  b.tag(engine);
  b.loadAnnotations(sidecar);
  const view = (s: DocumentSession) => s.view().map((v) => `${v.start}:${v.end}:${v.label}:${v.state}`);
  assert.deepEqual(view(a), view(b));
  assert.ok(view(a).some((v) => v.endsWith(':manual')));
  assert.deepEqual(
    a.document.all().map((x) => `${x.start}:${x.end}:${x.state}`),
    b.document.all().map((x) => `${x.start}:${x.end}:${x.state}`),
  );
  // Suggestions reach the document however the calls were ordered.
  assert.ok(b.document.suggestions().length > 0);
});

test('DocumentSession: a plain document shows the engine spans; a decision shows through the view', () => {
  const s = new DocumentSession(TEXT);
  s.tag(engine);
  assert.deepEqual(key(s.view()), key(engine.tag(TEXT)));
  s.loadAnnotations(undefined);
  assert.ok(s.isPlain);
  let decided = 0;
  s.onDidDecide(() => decided++);
  const first = s.view()[0];
  s.document.reject(first.start);
  assert.equal(decided, 1);
  assert.equal(s.isPlain, false);
  assert.equal(s.view().find((v) => v.start === first.start && v.label === first.label)?.state, 'rejected');
});

test('DocumentSession: a reloaded text re-anchors by quote; too many edits fall back to a full tag', () => {
  const at = TEXT.indexOf('发展');
  const s = new DocumentSession(TEXT);
  s.loadAnnotations(sidecarWith(TEXT, { start: at, end: at + 2, label: 'TERM' }));
  s.tag(engine);
  const r = s.applyEdits([{ start: 0, end: 0, newText: '前言。' }], { reloaded: { documentPath: 'a.txt' } });
  assert.equal(r.report?.orphaned.length, 0);
  const m = s.document.all().find((a) => a.state === 'manual')!;
  assert.equal(s.text.slice(m.start, m.end), '发展');
  assert.equal(s.tag(engine), 'incremental');
  for (let i = 0; i < 2_001; i++) s.applyEdits([{ start: 0, end: 0, newText: 'x' }]);
  assert.equal(s.tag(engine), 'full');
  assert.deepEqual(key(s.spans!), key(engine.tag(s.text)));
});
