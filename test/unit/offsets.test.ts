import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OffsetMap, codePointLength } from '../../src/core/text/offsets';

test('UTF-16 and code point offsets agree around astral characters (𠀀, emoji)', () => {
  const text = 'a𠀀b😀南瑞集团😀';
  const m = new OffsetMap(text);
  const cps = [...text];
  assert.equal(m.codePointLength, cps.length);
  // every code point boundary maps both ways
  let u = 0;
  for (let cp = 0; cp <= cps.length; cp++) {
    assert.equal(m.toUtf16(cp), u, `cp ${cp}`);
    assert.equal(m.toCodePoint(u), cp, `u ${u}`);
    if (cp < cps.length) u += cps[cp].length;
  }
  const start = text.indexOf('南瑞集团');
  assert.equal(cps.slice(m.toCodePoint(start), m.toCodePoint(start + 4)).join(''), '南瑞集团');
  assert.equal(codePointLength(text), cps.length);
});

test('an offset inside a surrogate pair rounds down to the pair start', () => {
  const m = new OffsetMap('x😀y');
  assert.equal(m.toCodePoint(2), 1);
});

test('unpaired surrogates count as one code point each', () => {
  const text = 'a\ud800b\udc00c';
  const m = new OffsetMap(text);
  assert.equal(m.codePointLength, 5);
  assert.equal(m.toUtf16(3), 3);
});
