// A real third-party reader: NLTK's ConllCorpusReader reads our character-level CoNLL export with
// the recipe of docs/formats.md, and the entities it sees are exactly our spans' text (with
// whitespace removed, per the documented rule). Current NLTK (3.10 here: nltk/pathsec.py)
// reads corpora only under its data paths and raises PermissionError "Unauthorized path"
// elsewhere, so the recipe adds the export folder to nltk.data.path. The NLTK of the interop
// venv (.cache/interop-venv, NLTK 3.10, scripts/interop-venv.sh) is used when present, else
// Debian's python3-nltk (3.8, scripts/install-test-deps.sh); skipped when neither is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { conllExporter } from '../../src/core/formats/conll';
import type { Annotation } from '../../src/core/annotations/model';
import { tempDir, repoRoot } from './helpers';

/** A Python 3 that can import nltk: Debian's first (/usr/bin/python3), then whatever is on PATH. */
function pythonWithNltk(): string | undefined {
  for (const py of [join(repoRoot(), '.cache', 'interop-venv', 'bin', 'python'), '/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import nltk'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return undefined;
}

const READER = `
import json, sys
import nltk
from nltk.corpus.reader import ConllCorpusReader
root = sys.argv[1]
nltk.data.path.append(root)  # current NLTK (3.10) reads corpora only under its data paths
r = ConllCorpusReader(root, r'.*\\.conll', ('words', 'pos'))
out = {}
for fid in r.fileids():
    ents = []
    for sent in r.tagged_sents(fid):
        cur = None
        for ch, tag in sent:
            if tag == 'O':
                cur = None
            elif tag.startswith('B-') or cur is None or cur[0] != tag[2:]:
                cur = [tag[2:], ch]
                ents.append(cur)
            else:
                cur[1] += ch
    out[fid] = {'entities': ents, 'sentences': len(r.tagged_sents(fid)), 'chars': len(r.words(fid))}
print(json.dumps(out, ensure_ascii=False))
`;

test('NLTK ConllCorpusReader reads the CoNLL export: same entities, astral characters intact', (t) => {
  const py = pythonWithNltk();
  if (!py) {
    t.skip('python3-nltk is not installed (run scripts/install-test-deps.sh); third-party CoNLL check skipped');
    return;
  }
  // Whitespace of every kind Python splits on, astral characters before, inside and after spans.
  const text = '𠀀😀前言。南瑞集团😀科技成立于2021年，投资 150\u3000亿元😀！\n上汽大\r\n众汽车在江宁\u00a0区？\t高质量发展是主题𠀀\u2028尾声\u001c完';
  const span = (s: string, label: string): Annotation => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, label, state: 'manual' });
  const anns = [span('南瑞集团😀科技', 'ORG'), span('2021年', 'NUM'), span('150\u3000亿元', 'NUM'), span('上汽大\r\n众', 'ORG'), span('高质量发展', 'TERM'), span('主题𠀀', 'TERM')];
  const dir = tempDir('pa-nltk-', t);
  const docs = [{ id: 'doc-a', text, annotations: anns }, { id: 'doc-b', text: '😀' + text, annotations: anns.map((a) => ({ ...a, start: a.start + 2, end: a.end + 2 })) }];
  for (const d of docs) {
    const out = conllExporter.document(d);
    for (const f of out.files) {
      mkdirSync(join(dir, f.path, '..'), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
  }
  const r = spawnSync(py, ['-c', READER, dir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout) as Record<string, { entities: [string, string][]; sentences: number; chars: number }>;
  const expected = anns.map((a) => [a.label, text.slice(a.start, a.end).replace(/[\s\u001c]/g, '')]);
  assert.deepEqual(got['doc-a.conll'].entities, expected);
  assert.deepEqual(got['doc-b.conll'].entities, expected);
  // Sentences: 。！？ and line ends (not the one inside 上汽大/众); U+2028 and U+001C end lines for Python too.
  assert.equal(got['doc-a.conll'].sentences, 6);
  const nonSpace = [...text].filter((c) => !/[\s\u001c]/.test(c)).length;
  assert.equal(got['doc-a.conll'].chars, nonSpace, 'every non-whitespace code point is one token');
});
