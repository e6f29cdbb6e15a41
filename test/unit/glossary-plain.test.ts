// The fast reader of plain glossary entries (src/core/glossary/plain-items.ts) must never change
// what a glossary means: with it and without it (every entry through the YAML library), the same
// entries, the same problems, at the same lines and columns. Checked on the bundled files and on
// thousands of generated entries built from values YAML reads in surprising ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseGlossaryWith, parseGlossaryAsync } from '../../src/core/glossary/load';
import { readPlainItems } from '../../src/core/glossary/plain-items';
import { KNOWN_FIELDS } from '../../src/core/glossary/read-entry';
import { mulberry32, repoRoot } from './helpers';

const both = (text: string, file = 'g.yaml') => ({
  fast: parseGlossaryWith(text, file, { plainReader: true }),
  yaml: parseGlossaryWith(text, file, { plainReader: false }),
});

test('plain reader: the bundled glossary files read the same, and the reader takes every entry of them', () => {
  const dir = join(repoRoot(), 'src/core/glossary/default');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 2);
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    const { fast, yaml } = both(text, f);
    assert.deepEqual(fast, yaml, f);
    assert.ok(fast.entries.length > 100, f);
    const start = text.indexOf('\n', text.indexOf('\nentries:') + 1) + 1;
    assert.equal(readPlainItems(text, start, text.length, KNOWN_FIELDS)?.length, fast.entries.length, `${f}: taken by the plain reader`);
  }
});

// Values that YAML reads as something other than the text, or only with care.
const VALUES = [
  '专精特新', '南瑞集团', 'AI 大模型', 'C#', '2023年组建', '5G', '0o17', '1_000', '0b101', '12:30', '1.2.3', '3e', '0xZZ', '07', '1,000', 'http://example.com/a', 'a, b', '5G', '12.6%', '0x1F', '.5', '+1', '-1', '~', 'null', 'Null', 'true',
  'FALSE', 'yes', 'no', 'on', '.inf', '-.inf', '.NaN', '2023-01-01', '1e3', 'a: b', 'a #b', 'a#b', 'a:b', 'ends:', '"quoted"', "'single'", '"esc\\"aped"',
  "'it''s'", '"a" b', '[x, y]', '[]', '[ ]', '[专精特新, 小巨人]', '[a: b]', '[a, [b]]', '[a, ]', '[,]', '["985工程", 双一流]', "['a', b]", '["a, b"]', '["a\\"b"]', "['it''s']", '[" x "]', '["", a]', "['']", '["a" b]', '{a: b}', '&anchor x', '*alias', '!tag x', '!!str 1',
  '|', '>', '%x', '@x', '`x', '? x', '- x', ',x', '  padded  ', 'tab\there', 'x\u2028y', '\u00a0nbsp', 'full：width', 'ｆｕｌｌ', '𠀀😀', '"  spaced  "',
  "' '", '""', "''", 'a  b', 'a\\b', '"中文“引号”"', '# comment', 'x # comment',
];
const KEYS = ['term', 'category', 'aliases', 'definition', 'source', 'see_also', 'seeAlso', 'unknown', 'Term'];
const KNOWN = new Set(KEYS.slice(0, 7));
/** Whether the plain reader takes `text` whole (from its `entries:` line on), not the YAML library. */
const takenWhole = (text: string) => {
  const start = text.indexOf('\n', text.indexOf('entries:')) + 1;
  return readPlainItems(text, start, text.length, KNOWN) !== undefined;
};
// The values the plain reader accepts: where a wrong reading would slip through unnoticed.
const ACCEPTED = VALUES.filter((v) => takenWhole(`entries:\n- term: ${v}\n`));

function generated(seed: number): string {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const eol = rnd() < 0.1 ? '\r\n' : '\n';
  const lines = ['version: 1'];
  if (rnd() < 0.3) lines.push('categories:', '  - name: PLACE', '    color: "#00aa00"');
  lines.push('entries:');
  const indent = rnd() < 0.8 ? '  ' : rnd() < 0.5 ? '' : '    ';
  const n = 1 + Math.floor(rnd() * 40);
  // A third of the files use only values the plain reader takes, so it reads them itself.
  const odd = seed % 3 === 0 ? ACCEPTED : VALUES;
  const strict = seed % 3 === 0;
  for (let k = 0; k < n; k++) {
    const fields: [string, string][] = [];
    const clean = rnd() < 0.6; // most entries plain and valid, as in real files
    fields.push(['term', clean ? `术语${Math.floor(rnd() * 30)}` : pick(odd)]);
    fields.push(['category', clean ? pick(['TERM', 'ORG', 'TERM']) : pick(['TERM', 'ORG', 'PLACE', 'NUM', 'term', ' TERM', '[TERM]', '""'])]);
    if (rnd() < 0.6) fields.push(['aliases', clean ? `[别名${k}, 简称${k}]` : pick(odd)]);
    if (rnd() < 0.9) fields.push(['definition', clean ? `第${k}条定义，用于测试。` : pick(odd)]);
    if (rnd() < 0.2) fields.push([pick(['source', 'see_also', 'seeAlso']), pick(odd)]);
    if (!clean && !strict && rnd() < 0.2) fields.push([pick(KEYS), pick(odd)]);
    if (!clean && rnd() < 0.2) fields.sort(() => rnd() - 0.5);
    const dashSpace = strict || rnd() < 0.9 ? ' ' : '   ';
    const keyIndent = indent + ' '.repeat(1 + dashSpace.length);
    fields.forEach(([key, value], j) => {
      const sep = rnd() < 0.95 ? ': ' : rnd() < 0.5 ? ':  ' : strict ? ': ' : ':';
      lines.push(`${j === 0 ? `${indent}-${dashSpace}` : keyIndent}${key}${sep}${value}${rnd() < 0.05 ? ' ' : ''}`);
      if (!clean && !strict && rnd() < 0.05) lines.push(`${keyIndent}  continued line`);
      if (!clean && !strict && rnd() < 0.05) lines.push(`${keyIndent}  - block item`);
    });
    if (rnd() < 0.1) lines.push('');
    if (rnd() < 0.05) lines.push(`${indent}# a comment`);
  }
  return lines.join(eol) + (rnd() < 0.9 ? eol : '');
}

test('plain reader: 3,000 generated glossaries (80,000 entries, most plain, many odd) read the same, problems located alike', () => {
  let entries = 0;
  let problems = 0;
  let taken = 0;
  for (let seed = 1; seed <= 3000; seed++) {
    const text = generated(seed);
    const { fast, yaml } = both(text);
    assert.deepEqual(fast, yaml, `seed ${seed}:\n${text}`);
    entries += yaml.entries.length;
    problems += yaml.problems.length;
    if (takenWhole(text)) taken++;
  }
  assert.ok(entries > 20_000 && problems > 1_000, `exercised: ${entries} entries, ${problems} problems`);
  assert.ok(ACCEPTED.length >= 20 && taken >= 500, `the plain reader itself read ${taken} files (values it takes: ${ACCEPTED.length})`);
});

test('parseGlossaryAsync: the same glossary as parseGlossary, with the event loop given back between batches', async () => {
  const lines = ['version: 1', 'entries:'];
  for (let k = 0; k < 3000; k++) lines.push(`  - term: 术语${k}`, '    category: TERM', `    definition: 第${k}条`);
  lines.push('  - term: [broken', '    category: TERM'); // one batch through the YAML library, with its problem
  const text = lines.join('\n') + '\n';
  let pauses = 0;
  const pause = () => { pauses++; return new Promise<void>((r) => setTimeout(r, 0)); };
  const async = await parseGlossaryAsync(text, 'big.yaml', pause, 0);
  assert.deepEqual(async, parseGlossaryWith(text, 'big.yaml', { plainReader: true }));
  assert.equal(async.entries.length, 3000);
  assert.ok(async.problems.length > 0 && async.problems.every((p) => p.line >= 9003), 'problems at the broken last entry (line 9003)');
  assert.ok(pauses >= 11, `yielded ${pauses} times for 12 batches of 256 entries`);
});
