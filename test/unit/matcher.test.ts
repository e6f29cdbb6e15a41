import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileMatcher, foldChar, type Match, type MatcherOptions } from '../../src/core/glossary/matcher';
import { isSkippableSpace } from '../../src/core/text/char-class';
import { mulberry32 } from './helpers';

// ---------------------------------------------------------------------------------------------
// References. Two independent ones: a literal reading of the contract (slow, any input) and a
// hash-map one (fast enough for 100k patterns and long texts).

function fold(s: string, o: MatcherOptions): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isSkippableSpace(c)) out.push(foldChar(c, o));
  }
  return out;
}

/** Literal contract: at each non-space position try every pattern, skipping whitespace inside. */
function naiveScan(patterns: readonly string[], o: MatcherOptions, text: string, from = 0, to = text.length): Match[] {
  const codes = patterns.map((p) => fold(p, o));
  const out: Match[] = [];
  let i = from;
  while (i < to) {
    let best: Match | undefined;
    let bestLen = 0;
    if (!isSkippableSpace(text.charCodeAt(i))) {
      codes.forEach((pc, id) => {
        if (pc.length === 0 || pc.length <= bestLen) return;
        let j = i;
        let k = 0;
        while (k < pc.length && j < to) {
          const c = text.charCodeAt(j);
          if (isSkippableSpace(c)) { j++; continue; }
          if (foldChar(c, o) !== pc[k]) break;
          j++;
          k++;
        }
        if (k === pc.length) { best = { start: i, end: j, pattern: id }; bestLen = pc.length; }
      });
    }
    if (best) { out.push(best); i = best.end; } else i++;
  }
  return out;
}

/** Map-based reference: keys are folded, whitespace-free strings; lowest id wins. */
function mapScan(patterns: readonly string[], o: MatcherOptions, text: string): Match[] {
  const byKey = new Map<string, number>();
  let maxLen = 0;
  patterns.forEach((p, id) => {
    const k = String.fromCharCode(...fold(p, o));
    if (k && !byKey.has(k)) byKey.set(k, id);
    maxLen = Math.max(maxLen, k.length);
  });
  // compact the text, remembering where each unit was
  const pos: number[] = [];
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isSkippableSpace(c)) { pos.push(i); units.push(foldChar(c, o)); }
  }
  const out: Match[] = [];
  let i = 0;
  while (i < units.length) {
    let hit = -1;
    let hitLen = 0;
    let key = '';
    for (let l = 1; l <= maxLen && i + l <= units.length; l++) {
      key += String.fromCharCode(units[i + l - 1]);
      const id = byKey.get(key);
      if (id !== undefined) { hit = id; hitLen = l; }
    }
    if (hit >= 0) {
      out.push({ start: pos[i], end: pos[i + hitLen - 1] + 1, pattern: hit });
      i += hitLen;
    } else i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------


const SEED = Number(process.env.MATCHER_SEED ?? Date.now() % 1_000_000);

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

// Few symbols so that patterns overlap, nest and share prefixes/suffixes a lot; whitespace,
// width/case variants and an astral character (two code units) among them.
const ALPHABET = ['a', 'b', 'A', 'ｂ', 'Ａ', '中', '国', '𠀀', ' ', '\n', '\u3000'];

test(`randomized: automaton equals the naive contract reading (seed ${SEED}, 2,500 cases)`, () => {
  const r = mulberry32(SEED);
  const word = (max: number) => Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(r, ALPHABET)).join('');
  for (let n = 0; n < 2500; n++) {
    const o: MatcherOptions = { foldWidth: r() < 0.7, foldCase: r() < 0.7 };
    const patterns = Array.from({ length: 1 + Math.floor(r() * 12) }, () => word(5));
    const text = word(60);
    let from = 0;
    let to = text.length;
    if (r() < 0.3) {
      from = Math.floor(r() * (text.length + 1));
      to = from + Math.floor(r() * (text.length - from + 1));
    }
    const got = compileMatcher(patterns, o).scan(text, from, to);
    const want = naiveScan(patterns, o, text, from, to);
    assert.deepEqual(got, want, `seed ${SEED}, case ${n}: ${JSON.stringify({ patterns, text, from, to, o })}`);
  }
});

test(`randomized long texts across scan chunks and long whitespace runs (seed ${SEED})`, () => {
  const r = mulberry32(SEED ^ 0x5bd1e995);
  for (let n = 0; n < 12; n++) {
    const o: MatcherOptions = { foldWidth: true, foldCase: n % 2 === 0 };
    const patterns = Array.from({ length: 200 }, () =>
      Array.from({ length: 1 + Math.floor(r() * 6) }, () => pick(r, ['a', 'b', 'c', '中', '国', ' '])).join(''));
    const parts: string[] = [];
    let len = 0;
    while (len < 60_000) {
      // mostly letters, sometimes a long run of whitespace (longer than a pattern, than a chunk)
      const p = r() < 0.002 ? ' \n'.repeat(Math.floor(r() * 20_000)) : pick(r, ['a', 'b', 'c', 'd', '中', '国', ' ', '\n']);
      parts.push(p);
      len += p.length;
    }
    const text = parts.join('');
    assert.deepEqual(compileMatcher(patterns, o).scan(text), mapScan(patterns, o, text), `seed ${SEED}, long case ${n}`);
  }
});

test('leftmost wins over longest, longest among same start, no overlaps', () => {
  const m = compileMatcher(['国家', '家发展', '国家发展改革委', '发展']);
  assert.deepEqual(m.scan('国家发展改革委员会'), [{ start: 0, end: 7, pattern: 2 }]);
  assert.deepEqual(m.scan('国家发展'), [{ start: 0, end: 2, pattern: 0 }, { start: 2, end: 4, pattern: 3 }]);
  assert.deepEqual(m.scan('家发展'), [{ start: 0, end: 3, pattern: 1 }]);
});

test('whitespace and line breaks inside a match are skipped, never at its ends', () => {
  const m = compileMatcher(['上汽大众', '中国 制造']);
  assert.deepEqual(m.scan(' 上汽大\n\n众 '), [{ start: 1, end: 7, pattern: 0 }]);
  assert.deepEqual(m.scan('上\u3000汽 \r\n大\t众'), [{ start: 0, end: 9, pattern: 0 }]);
  assert.deepEqual(m.scan('中国制造'), [{ start: 0, end: 4, pattern: 1 }]);
  assert.deepEqual(m.scan('中\n国\n制\n造\n'), [{ start: 0, end: 7, pattern: 1 }]);
  assert.deepEqual(m.scan('上汽大'), []);
});

test('width and case folding follow the options', () => {
  const text = 'ＡＩ芯片 and 5G网络 Ai芯片 ai芯片';
  const both = compileMatcher(['AI芯片', '５Ｇ网络']);
  assert.deepEqual(both.scan(text).map((x) => text.slice(x.start, x.end)), ['ＡＩ芯片', '5G网络', 'Ai芯片', 'ai芯片']);
  const noCase = compileMatcher(['AI芯片'], { foldCase: false });
  assert.deepEqual(noCase.scan(text).map((x) => text.slice(x.start, x.end)), ['ＡＩ芯片']);
  const noWidth = compileMatcher(['AI芯片'], { foldWidth: false });
  assert.deepEqual(noWidth.scan(text).map((x) => text.slice(x.start, x.end)), ['Ai芯片', 'ai芯片']);
});

test('astral characters: surrogate pairs match as units and never half', () => {
  const m = compileMatcher(['𠀀集团', '😀', '𠀁']);
  const text = 'x𠀀集团😀𠀀';
  assert.deepEqual(m.scan(text), [{ start: 1, end: 5, pattern: 0 }, { start: 5, end: 7, pattern: 1 }]);
  // 𠀁 and 𠀀 share the high surrogate; a lone high surrogate pattern is not a thing we emit
  assert.deepEqual(m.scan('𠀁𠀀'), [{ start: 0, end: 2, pattern: 2 }]);
});

test('empty, whitespace-only and duplicate patterns', () => {
  const m = compileMatcher(['', ' \n', '改革', '改 革', '改革', 'ＲＥ', 're']);
  assert.equal(m.size, 7);
  // duplicates after folding and whitespace removal report the lowest index
  assert.deepEqual(m.scan('改革 RE'), [{ start: 0, end: 2, pattern: 2 }, { start: 3, end: 5, pattern: 5 }]);
  assert.deepEqual(compileMatcher([]).scan('anything'), []);
  assert.deepEqual(compileMatcher(['', '   ']).scan('   '), []);
  assert.equal(compileMatcher([]).size, 0);
});

test('from/to restrict matches to the range (never reading past `to`)', () => {
  const m = compileMatcher(['发展改革', '改革', '发展']);
  const text = '发展改革委';
  assert.deepEqual(m.scan(text, 0, 3), [{ start: 0, end: 2, pattern: 2 }]);
  assert.deepEqual(m.scan(text, 1, 5), [{ start: 2, end: 4, pattern: 1 }]);
  assert.deepEqual(m.scan(text, 4, 2), []);
  assert.deepEqual(m.scan(text, -5, 99), [{ start: 0, end: 4, pattern: 0 }]);
});

test('100k+ patterns: builds, and agrees with the map reference', () => {
  const r = mulberry32(SEED ^ 0x9e3779b9);
  const cjk = (n: number) => String.fromCharCode(0x4e00 + (n % 3000));
  const patterns: string[] = [];
  for (let i = 0; i < 120_000; i++) {
    const len = 2 + Math.floor(r() * 5);
    let p = '';
    for (let k = 0; k < len; k++) p += cjk(Math.floor(r() * r() * 3000)); // skewed, like real text
    patterns.push(p);
  }
  const m = compileMatcher(patterns);
  assert.equal(m.size, 120_000);
  let text = '';
  for (let i = 0; i < 40_000; i++) text += r() < 0.05 ? '\n' : r() < 0.5 ? pick(r, patterns) : cjk(Math.floor(r() * r() * 3000));
  assert.deepEqual(m.scan(text), mapScan(patterns, { foldWidth: true, foldCase: true }, text));
});

test('linear time on adversarial input (a short pattern inside a long near-miss)', () => {
  const m = compileMatcher(['a', 'a'.repeat(200) + 'b', 'a'.repeat(199)]);
  const text = 'a'.repeat(2_000_000);
  const t0 = performance.now();
  const got = m.scan(text);
  const ms = performance.now() - t0;
  assert.equal(got.length, Math.floor(2_000_000 / 199) + (2_000_000 % 199 === 0 ? 0 : 2_000_000 % 199));
  assert.ok(ms < 2000, `took ${ms} ms`);
  // one match over a million spaces
  const spaced = 'x' + ' '.repeat(1_000_000) + 'y';
  const m2 = compileMatcher(['xy']);
  assert.deepEqual(m2.scan(spaced), [{ start: 0, end: spaced.length, pattern: 0 }]);
});
