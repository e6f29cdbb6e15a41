// The CLI's streamed records file (src/cli/records-writer.ts): the same bytes as the in-memory
// collection for every format that has one, atomic replacement, and nothing left by an abort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordsFileWriter } from '../../src/cli/records-writer';
import { exporterFor } from '../../src/core/formats/registry';
import { FORMAT_NAMES } from '../../src/core/formats/common';
import { tempDir } from './helpers';

const DOCS = [
  { id: 'a', text: '南瑞集团投资150亿元。', annotations: [{ start: 0, end: 4, label: 'ORG', state: 'manual' as const }] },
  { id: 'b', text: '𠀀推进“智改数转”😀', annotations: [{ start: 4, end: 8, label: 'TERM', state: 'accepted' as const }] },
  { id: 'c', text: '没有标注。', annotations: [] },
];

test('streamed records file: byte-identical to the collection file for 0, 1 and 3 documents, in every format that has one', (t) => {
  const dir = tempDir('pa-records-', t);
  const withFile = FORMAT_NAMES.filter((f) => exporterFor(f).recordsFile);
  assert.deepEqual(withFile, ['native', 'doccano', 'label-studio']);
  for (const format of withFile) {
    const exporter = exporterFor(format);
    const file = exporter.recordsFile!;
    for (const n of [0, 1, 3]) {
      const records = DOCS.slice(0, n).flatMap((d) => exporter.document(d).records);
      const target = join(dir, `${format}-${n}-${file.path}`);
      const w = new RecordsFileWriter(target, file);
      for (const d of DOCS.slice(0, n)) w.append(exporter.document(d).records);
      w.commit();
      const expected = exporter.collection(records, ['ORG', 'TERM']).find((f) => f.path === file.path)!.content;
      assert.equal(readFileSync(target, 'utf8'), expected, `${format}, ${n} documents`);
      if (format === 'label-studio') assert.equal((JSON.parse(readFileSync(target, 'utf8')) as unknown[]).length, n);
    }
  }
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
});

test('streamed records file: an aborted export leaves the earlier file as it was and no temporary file', (t) => {
  const dir = tempDir('pa-records-', t);
  const target = join(dir, 'documents.jsonl');
  writeFileSync(target, 'earlier export\n');
  const exporter = exporterFor('native');
  const w = new RecordsFileWriter(target, exporter.recordsFile!);
  w.append(exporter.document(DOCS[0]).records);
  assert.equal(readFileSync(target, 'utf8'), 'earlier export\n', 'nothing replaced before commit');
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.tmp')).length, 1, 'records go to a temporary file');
  w.abort();
  w.abort(); // twice is harmless (the CLI aborts in a finally after a commit too)
  assert.equal(readFileSync(target, 'utf8'), 'earlier export\n');
  assert.deepEqual(readdirSync(dir), ['documents.jsonl']);
  assert.throws(() => w.append(['x']), /written after commit or abort/);
});
