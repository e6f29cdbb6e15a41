// The shape of the bundled default glossary: the promised coverage, every entry defined, every
// file of default/ bundled, and no surface that names two entries unless a reason is written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledGlossary } from '../../src/core/glossary/bundled';
import { mergeGlossaries } from '../../src/core/glossary/glossary';
import { repoRoot } from './helpers';

const DIR = join(repoRoot(), 'src/core/glossary/default');

test('glossary: at least 3,000 TERM and 1,500 ORG entries, each with a definition', () => {
  const merged = mergeGlossaries(bundledGlossary());
  const count = (c: string) => merged.entries.filter((e) => e.category === c).length;
  assert.ok(count('TERM') >= 3000, `${count('TERM')} TERM entries`);
  assert.ok(count('ORG') >= 1500, `${count('ORG')} ORG entries`);
  for (const e of merged.entries) {
    assert.ok(e.definition.trim().length >= 8, `${e.term}: a definition`);
    assert.ok(!/^(?:TODO|待补充|暂无)/.test(e.definition.trim()), `${e.term}: a real definition`);
  }
});

test('glossary: every file of default/ is bundled and loads without a problem', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
  const bundled = bundledGlossary().map((g) => g.file.replace(/^\(bundled\) default\//, '')).sort();
  assert.deepEqual(bundled, files);
  for (const g of bundledGlossary()) assert.deepEqual(g.problems, [], g.file);
});

// Surfaces that stand for two entries on purpose. Any other repeat is a mistake: the later file
// would silently take the surface from the earlier entry.
const SHARED_ON_PURPOSE = new Map<string, string>([]);

test('glossary: no surface names two entries (term or alias), within or across categories', () => {
  const seen = new Map<string, string>();
  const repeats: string[] = [];
  for (const g of bundledGlossary()) {
    for (const e of g.entries) {
      for (const s of new Set([e.term, ...e.aliases])) {
        const here = `${e.category}:${e.term} (${g.file})`;
        const before = seen.get(s);
        if (before !== undefined && !SHARED_ON_PURPOSE.has(s)) repeats.push(`${s}: ${before} and ${here}`);
        seen.set(s, here);
      }
    }
  }
  assert.deepEqual(repeats, []);
});

test('glossary: no surface is a bare generic word that the guidelines say is not a name or a term', () => {
  const generic = ['政府', '企业', '高校', '银行', '央企', '国有企业', '园区', '发展', '创新', '改革', '建设', '中央', '国家'];
  for (const g of bundledGlossary()) for (const e of g.entries) for (const s of [e.term, ...e.aliases]) assert.ok(!generic.includes(s), `${s} in ${g.file}`);
  // Surfaces never carry quotation marks or brackets: the text's marks are around them.
  const raw = readdirSync(DIR).map((f) => readFileSync(join(DIR, f), 'utf8')).join('\n');
  assert.ok(!/^\s+- term: .*[“”《》]/m.test(raw));
});

test('glossary: no alias is another surface with the verb that puts it in force (深化…, 加快…, 坚持…)', () => {
  // A sentence's verb is not part of the term: 深化医药卫生体制改革 is 深化 + 医药卫生体制改革. An alias
  // with the verb would win as the longer match and tag the verb along.
  const surfaces = new Set<string>();
  for (const g of bundledGlossary()) for (const e of g.entries) for (const s of [e.term, ...e.aliases]) surfaces.add(s);
  const withVerb: string[] = [];
  for (const g of bundledGlossary()) for (const e of g.entries) for (const a of e.aliases) {
    const m = /^(?:深化|加快|加强|推进|推动|构建|坚持|实施|实行|鼓励|支持|促进|发展|建立|健全|完善|全面|大力|积极)/.exec(a);
    if (m && surfaces.has(a.slice(m[0].length))) withVerb.push(`${a} (${e.term}, ${g.file})`);
  }
  assert.deepEqual(withVerb, []);
});
