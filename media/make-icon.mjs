// Draws media/icon.png (128×128, RGBA): a page with text lines, three of them highlighted in the
// NUM, ORG and TERM colours. No dependencies: rounded rectangles, 4×4 supersampling, zlib PNG.
// Run: node media/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const S = 128;
const SS = 4; // supersampling per axis
const U = 512 / S; // shapes are given on a 512 grid
const shapes = [
  // [x0, y0, x1, y1, radius, colour]
  [16, 16, 496, 496, 88, '#1e3a5f'],
  [96, 64, 416, 448, 32, '#f8fafc'],
  [136, 120, 376, 144, 12, '#b8c4d4'],
  [136, 196, 196, 220, 12, '#b8c4d4'],
  [210, 180, 376, 236, 14, '#2f8cf0'],
  [136, 262, 300, 318, 14, '#ee8a2a'],
  [316, 278, 376, 302, 12, '#b8c4d4'],
  [136, 356, 180, 380, 12, '#b8c4d4'],
  [194, 340, 376, 396, 14, '#9b5de5'],
];
const rgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
function inside(x, y, [x0, y0, x1, y1, r]) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
const px = Buffer.alloc(S * S * 4);
for (let y = 0; y < S; y++)
  for (let x = 0; x < S; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const X = (x + (sx + 0.5) / SS) * U;
        const Y = (y + (sy + 0.5) / SS) * U;
        let c;
        for (const s of shapes) if (inside(X, Y, s)) c = s[5];
        if (c) { const [cr, cg, cb] = rgb(c); r += cr; g += cg; b += cb; a++; }
      }
    const o = (y * S + x) * 4;
    const n = SS * SS;
    px[o] = a ? Math.round(r / a) : 0;
    px[o + 1] = a ? Math.round(g / a) : 0;
    px[o + 2] = a ? Math.round(b / a) : 0;
    px[o + 3] = Math.round((255 * a) / n);
  }

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(S, 0);
ihdr.writeUInt32BE(S, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) px.copy(raw, y * (S * 4 + 1) + 1, y * S * 4, (y + 1) * S * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`media/icon.png: ${S}×${S}, ${png.length} bytes`);
