// The one decoder of files Policy Annotator reads as text (sidecars, exported texts): strict
// UTF-8, a BOM dropped. A file that is not UTF-8 is refused with the place of the first bad byte
// rather than read with replacement characters, which a later save would write back for good.

export type Decoded = { ok: true; text: string } | { ok: false; code: 'binary' | 'not-utf8'; byte: number; reason: string; line: number; column: number };

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

export function decodeText(bytes: Uint8Array): Decoded {
  const probe = bytes.subarray(0, 8192);
  const nul = probe.indexOf(0);
  if (nul >= 0) return { ok: false, code: 'binary', byte: nul, reason: 'binary file (NUL byte)', ...positionOf(bytes, nul) };
  try {
    const text = strict.decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    // (TextDecoder's only failure in fatal mode: an invalid sequence, located below.)
    const at = firstInvalidUtf8(bytes);
    return { ok: false, code: 'not-utf8', byte: at, reason: `not valid UTF-8 (at byte ${at})`, ...positionOf(bytes, at) };
  }
}

/** Line and column (from 1, columns in UTF-16 units as editors count them) of byte `at`. */
function positionOf(bytes: Uint8Array, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) (line++, (start = i + 1));
  return { line, column: lenient.decode(bytes.subarray(start, at)).length + 1 };
}

export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    for (let k = 1; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n;
  }
  return bytes.length;
}
