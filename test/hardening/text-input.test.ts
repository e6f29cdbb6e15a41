// Hostile texts (issue 8, item 2) through engine.tag, every exporter and the CLI: no exception,
// spans inside the text, sorted and non-overlapping, never cutting a surrogate pair, and every
// exported offset exact (code point offsets slice the same text as the UTF-16 ones).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDefaultEngine } from '../../src/core/engine';
import type { Span } from '../../src/core/types';
import type { Annotation } from '../../src/core/annotations/model';
import { checkSpans, checkExports, NEEDS_BUILD, runCli, tempDir, utf16OfCodePoints, HOSTILE_CHARS } from './helpers';
import { fixtureText } from '../fixtures/fixtures';

const engine = getDefaultEngine();
// Real text from the repository's fixture corpus: a report with a title, a byline and headings
// (page structure), then a paragraph with names and numbers broken across lines as PDF
// extraction leaves them (上汽大 / 众), which line-end changes must not disturb.
const PDF_BREAKS = '南京市江宁经济技术开发区集聚南瑞集团、上汽大\n众等企业 646 家，2021 年 GDP 增长 8.5%，投资 150 亿元。\n\n推动“智改数转”，培育专精特新企业超过 100 家，实施人才十策。';
const SAMPLE = `${fixtureText('gwr2024')}\n${PDF_BREAKS}`;

const asAnnotations = (spans: readonly Span[]): Annotation[] =>
  spans.map((s) => ({ start: s.start, end: s.end, label: s.label, state: 'auto', ...(s.value ? { value: s.value } : {}) }));

/** Tags `text`, checks the spans and every export; returns the spans. */
function tagChecked(name: string, text: string): Span[] {
  let spans: Span[] = [];
  assert.doesNotThrow(() => { spans = engine.tag(text); }, `${name}: engine.tag threw`);
  checkSpans(text, spans, `${name}: `);
  checkExports(name.replace(/[^\w-]/g, '_') || 'doc', text, asAnnotations(spans), `${name}: `);
  return spans;
}

/** Span texts with whitespace removed, per label: what a reader sees, independent of line ends. */
const readings = (text: string, spans: readonly Span[]) => spans.map((s) => `${s.label}:${text.slice(s.start, s.end).replace(/\s+/g, '')}`);

/** A pseudo-random generator with a fixed seed, so a failure names a reproducible input. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` with `chars` inserted at `n` random places (seeded). */
function sprinkle(text: string, chars: readonly string[], n: number, seed: number): string {
  const r = rng(seed);
  const parts = Array.from(text);
  for (let i = 0; i < n; i++) parts.splice(Math.floor(r() * (parts.length + 1)), 0, chars[Math.floor(r() * chars.length)]);
  return parts.join('');
}

test('text: empty, blank and one-character texts', () => {
  for (const [name, t] of [['empty', ''], ['space', ' '], ['newlines', '\n\n\r\n\r'], ['ideographic space', '\u3000'], ['one char', '亿'], ['lone high surrogate', '\ud800'], ['lone low surrogate', '\udc00'], ['one astral', '😀'], ['BOM', '\ufeff'], ['NUL', '\u0000']]) {
    const spans = tagChecked(name, t);
    assert.deepEqual(spans, [], name);
  }
});

test('text: CRLF and CR line ends give the same spans as LF', () => {
  const lf = SAMPLE.replace(/\r\n?/g, '\n');
  const base = readings(lf, tagChecked('lf', lf));
  assert.ok(base.length > 20, `${base.length} spans in the sample`);
  for (const [name, t] of [['crlf', lf.replace(/\n/g, '\r\n')], ['cr', lf.replace(/\n/g, '\r')], ['mixed', lf.replace(/\n/g, (_, i: number) => ['\n', '\r\n', '\r'][i % 3])]] as const) {
    assert.deepEqual(readings(t, tagChecked(name, t)), base, name);
  }
});

test('text: NUL and other control characters anywhere', () => {
  const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat(['\u007f', '\u0085', '\u2028', '\u2029', '\u200b', '\u200e', '\u202e', '\ufeff']);
  for (let seed = 1; seed <= 5; seed++) tagChecked(`controls #${seed}`, sprinkle(SAMPLE, controls, 400, seed));
  tagChecked('controls only', controls.join('').repeat(50));
});

test('text: unpaired surrogates next to numbers, names and terms', () => {
  const lone = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];
  for (let seed = 1; seed <= 5; seed++) tagChecked(`lone surrogates #${seed}`, sprinkle(SAMPLE, lone, 400, seed));
  const t = '\udc00150亿元\ud800南瑞集团\udc00高质量发展\ud800';
  const spans = tagChecked('glued surrogates', t);
  assert.deepEqual(readings(t, spans), ['NUM:150亿元', 'ORG:南瑞集团', 'TERM:高质量发展']);
});

test('text: characters from every Unicode plane, astral characters inside spans', () => {
  const planes: string[] = [];
  for (let plane = 0; plane <= 16; plane++) for (const low of [0x0000, 0x4e00, 0xfffd, 0xfffe, 0xffff]) planes.push(String.fromCodePoint(plane * 0x10000 + low));
  for (let seed = 1; seed <= 5; seed++) tagChecked(`planes #${seed}`, sprinkle(SAMPLE, [...planes, ...HOSTILE_CHARS], 400, seed));
  const t = '𠀀😀南瑞𠀀集团😀投资𪚥150亿元😀，推动高质量𠀀发展。';
  tagChecked('astral inside', t);
});

test('text: mixed full-width and half-width digits, letters and punctuation', () => {
  const toFull = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const t = `${toFull('2021')}年投资１５０亿元，增长8.5％，ＧＤＰ增长${toFull('12.3%')}；超过１００家、140多家。`;
  const spans = tagChecked('full/half width', t);
  const nums = readings(t, spans).filter((r) => r.startsWith('NUM:'));
  assert.ok(nums.includes('NUM:１５０亿元') && nums.includes('NUM:２０２１年'), nums.join(' '));
  const r = rng(7);
  const mixed = Array.from(SAMPLE).map((c) => (r() < 0.5 ? toFull(c) : c)).join('');
  tagChecked('randomly full-width sample', mixed);
});

test('text: random binary bytes decoded as UTF-8 (as an editor shows a binary file)', () => {
  for (let seed = 1; seed <= 8; seed++) {
    const r = rng(seed);
    const bytes = new Uint8Array(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    tagChecked(`binary #${seed}`, text);
    // UTF-16 and Latin-1 readings of the same bytes, as a wrong encoding guess would give.
    tagChecked(`binary utf-16 #${seed}`, new TextDecoder('utf-16le').decode(bytes));
    tagChecked(`binary latin1 #${seed}`, new TextDecoder('latin1').decode(bytes));
  }
});

test('text: pathological repetitions (one character, one term, one digit, quotes) stay linear and valid', () => {
  for (const [name, unit, n] of [['digits', '9', 200_000], ['term', '高质量发展', 40_000], ['quotes', '“', 100_000], ['quoted', '“智改数转”', 30_000], ['suffix', '集团', 100_000], ['magnitudes', '亿', 100_000], ['open quote then text', '“' + '发'.repeat(50_000), 1], ['unclosed quotes', '“发展', 30_000], ['short forms', '（简称“江宁开发区”）', 40_000]] as const) {
    const t = unit.repeat(n);
    const started = Date.now();
    const spans = engine.tag(t);
    checkSpans(t, spans, `${name}: `);
    assert.ok(Date.now() - started < 60_000, `${name}: ${Date.now() - started} ms`);
  }
});

test('CLI tag: empty file, CRLF, control characters, astral planes and a binary file: valid JSON, exact code point offsets', { skip: NEEDS_BUILD }, (t) => {
  const dir = tempDir('pa-hardening-', t);
  const r = rng(11);
  const binary = Buffer.from(Array.from({ length: 32 * 1024 }, () => Math.floor(r() * 256)));
  const files: Record<string, Buffer> = {
    'empty.txt': Buffer.alloc(0),
    'crlf.txt': Buffer.from(SAMPLE.replace(/\r?\n/g, '\r\n')),
    'cr.txt': Buffer.from(SAMPLE.replace(/\r?\n/g, '\r')),
    'controls.txt': Buffer.from(sprinkle(SAMPLE, ['\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\u2028'], 200, 3)),
    'planes.txt': Buffer.from(sprinkle(SAMPLE, ['😀', '𠀀', '\u{10FFFF}', '\u{E0001}', '\u{30000}'], 200, 4)),
    'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]),
    'binary.txt': binary,
    // CESU-8 surrogates and overlong forms: invalid UTF-8, shown as U+FFFD
    'invalid-utf8.txt': Buffer.concat([Buffer.from('投资150亿元'), Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0xaf, 0xff]), Buffer.from('南瑞集团')]),
  };
  for (const [name, bytes] of Object.entries(files)) {
    const f = join(dir, name);
    writeFileSync(f, bytes);
    const res = runCli(['tag', f]);
    assert.equal(res.status, 0, `${name}: ${res.stderr}`);
    const lines = res.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, name);
    const doc = JSON.parse(lines[0]);
    const decoded = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
    assert.equal(doc.text, decoded, `${name}: the text comes back as decoded (BOM dropped)`);
    const ends = utf16OfCodePoints(doc.text, doc.spans.flatMap((s: { start: number; end: number }) => [s.start, s.end]));
    const spans: Span[] = doc.spans.map((s: { label: string }, i: number) => ({ start: ends[2 * i], end: ends[2 * i + 1], label: s.label, origin: 'rule' }));
    checkSpans(doc.text, spans, `${name}: `);
    // The CLI's code point offsets are the engine's UTF-16 spans, converted exactly.
    assert.deepEqual(spans.map((s) => [s.start, s.end, s.label]), engine.tag(doc.text).map((s) => [s.start, s.end, s.label]), `${name}: CLI = engine`);
  }
});
