// The corpus view's counts (issue 16): a text's decisions per state and label as its sidecar
// holds them, and the engine's suggestions nobody has reviewed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progress } from '../../src/core/corpus/progress';
import { AnnotatedDocument } from '../../src/core/annotations/document';
import { parseSidecar } from '../../src/core/annotations/sidecar';
import type { Span } from '../../src/core/types';

const TEXT = '南瑞集团与江宁开发区合作，推动高质量发展，企业 646 家。';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });
const ENGINE: Span[] = [
  { ...at('南瑞集团'), label: 'ORG', origin: 'rule' },
  { ...at('江宁开发区'), label: 'ORG', origin: 'rule' },
  { ...at('高质量发展'), label: 'TERM', origin: 'glossary' },
  { ...at('646 家'), label: 'NUM', origin: 'rule' },
];

function sidecarAfter(decide: (doc: AnnotatedDocument) => void) {
  const doc = new AnnotatedDocument(TEXT, [], { author: 'li' });
  doc.merge(ENGINE);
  decide(doc);
  return parseSidecar(doc.serialize('a.txt'), 'a.txt.annotations.jsonl');
}

test('progress: no sidecar yet, every engine span is an unreviewed suggestion', () => {
  const p = progress(TEXT, ENGINE, undefined);
  assert.deepEqual(p.total, { manual: 0, accepted: 0, rejected: 0, auto: 0, unreviewed: 4 });
  assert.deepEqual(p.labels.get('ORG'), { manual: 0, accepted: 0, rejected: 0, auto: 0, unreviewed: 2 });
});

test('progress: decisions counted per state and label; a decided span is no longer unreviewed', () => {
  const side = sidecarAfter((doc) => {
    doc.accept(at('南瑞集团').start);
    doc.reject(at('646 家').start);
    doc.tag(at('合作'), 'TERM');
    doc.tag(at('推动高质量发展'), 'TERM'); // covers the engine's 高质量发展: not offered again
  });
  const p = progress(TEXT, ENGINE, side);
  assert.deepEqual(p.total, { manual: 2, accepted: 1, rejected: 1, auto: 0, unreviewed: 1 });
  assert.deepEqual(p.labels.get('ORG'), { manual: 0, accepted: 1, rejected: 0, auto: 0, unreviewed: 1 });
  assert.deepEqual(p.labels.get('TERM'), { manual: 2, accepted: 0, rejected: 0, auto: 0, unreviewed: 0 });
  assert.deepEqual(p.labels.get('NUM'), { manual: 0, accepted: 0, rejected: 1, auto: 0, unreviewed: 0 });
  assert.equal(p.orphans, 0);
});

test('progress: the sidecar of an older text is re-anchored; what cannot be found is an orphan, not a count', () => {
  const side = sidecarAfter((doc) => {
    doc.tag(at('合作'), 'TERM');
    doc.accept(at('南瑞集团').start);
  });
  const changed = '江宁开发区推动高质量发展，前言。' + TEXT.replace('合作', '协作');
  const p = progress(changed, [], side);
  assert.deepEqual(p.total, { manual: 0, accepted: 1, rejected: 0, auto: 0, unreviewed: 0 });
  assert.equal(p.orphans, 1);
});
