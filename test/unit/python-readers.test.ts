// Python, the language the consumers of these datasets slice with (doccano's backend, spaCy,
// brat's server, Label Studio's converters), reads every JSON/standoff export and slices
// text[start:end]: each span must give back its text, astral characters included. An
// independent check of the offset rule, outside our own OffsetMap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import type { Annotation } from '../../src/core/annotations/model';
import type { Exporter } from '../../src/core/formats/common';
import { nativeExporter } from '../../src/core/formats/native';
import { doccanoExporter } from '../../src/core/formats/doccano';
import { labelStudioExporter } from '../../src/core/formats/label-studio';
import { bratExporter } from '../../src/core/formats/brat';
import { BUILTIN_LABELS, orderLabels } from '../../src/core/labels';
import { tempDir } from './helpers';

const READER = `
import json, sys, os, glob
d = sys.argv[1]
out = {}
rec = json.loads(open(os.path.join(d, 'native', 'documents.jsonl'), encoding='utf-8').readline())
out['native'] = [rec['text'][s['start']:s['end']] for s in rec['spans']]
rec = json.loads(open(os.path.join(d, 'doccano', 'doccano.jsonl'), encoding='utf-8').readline())
out['doccano'] = [rec['text'][s:e] for s, e, _ in rec['label']]
task = json.load(open(os.path.join(d, 'label-studio', 'tasks.json'), encoding='utf-8'))[0]
out['label-studio'] = [task['data']['text'][r['value']['start']:r['value']['end']]
                       for g in task.get('annotations', []) + task.get('predictions', [])
                       for r in g['result'] if r['type'] == 'labels']
# brat: newline='' keeps \\r\\n as two characters, as brat's offsets count them
text = open(os.path.join(d, 'brat', 'doc.txt'), encoding='utf-8', newline='').read()
spans = []
for line in open(os.path.join(d, 'brat', 'doc.ann'), encoding='utf-8'):
    if line.startswith('T'):
        _id, type_offsets, surface = line.rstrip('\\n').split('\\t')
        frags = [tuple(map(int, f.split(' '))) for f in type_offsets.split(' ', 1)[1].split(';')]
        assert ' '.join(text[s:e] for s, e in frags) == surface, (frags, surface)
        spans.append(text[frags[0][0]:frags[-1][1]])
out['brat'] = spans
print(json.dumps(out, ensure_ascii=False))
`;

function python(): string | undefined {
  for (const py of ['/usr/bin/python3', 'python3']) if (spawnSync(py, ['-c', 'pass']).status === 0) return py;
  return undefined;
}

test('Python slicing of every JSON/standoff export gives each span its text (𠀀, emoji, \\r\\n)', (t) => {
  const py = python();
  if (!py) {
    t.skip('python3 not found; independent offset check skipped');
    return;
  }
  const text = '𠀀😀前言。南瑞集团😀科技成立于2021年，投资 150 亿元😀。\r\n上汽大\r\n众汽车在江宁。高质量发展是主题𠀀';
  const span = (s: string, label: string, state: Annotation['state'] = 'manual'): Annotation => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, label, state });
  const anns = [span('南瑞集团😀科技', 'ORG'), span('2021年', 'NUM', 'accepted'), span('150 亿元', 'NUM', 'auto'), span('上汽大\r\n众', 'ORG'), span('主题𠀀', 'TERM')];
  const expected = anns.map((a) => text.slice(a.start, a.end));
  const dir = tempDir('pa-py-', t);
  const exporters: Exporter[] = [nativeExporter, doccanoExporter(), labelStudioExporter, bratExporter];
  for (const ex of exporters) {
    const out = ex.document({ id: 'doc', text, annotations: anns }, { states: ['manual', 'accepted', 'auto'] });
    for (const f of [...out.files, ...ex.collection(out.records, orderLabels(BUILTIN_LABELS))]) {
      const p = join(dir, ex.name, f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.content);
    }
  }
  const r = spawnSync(py, ['-c', READER, dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout) as Record<string, string[]>;
  for (const name of ['native', 'doccano', 'brat']) assert.deepEqual(got[name], expected, name);
  // Label Studio lists annotations first, then predictions.
  assert.deepEqual(got['label-studio'], [...expected.filter((_, i) => anns[i].state !== 'auto'), ...expected.filter((_, i) => anns[i].state === 'auto')]);
});
