// Draws the extension's icon (images/icon.png, 256×256) from shapes, with Node's zlib only, so the
// same script always writes the same bytes: a GPU chip on a dark tile with a green check mark.
//   node scripts/make-icon.mjs            write images/icon.png
//   node scripts/make-icon.mjs --check    exit 1 when images/icon.png differs from what it would write
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 256;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'images', 'icon.png');

const px = new Uint8Array(SIZE * SIZE * 4);
function blend(x, y, [r, g, b], alpha) {
  if (x < 0 || y < 0 || x >= SIZE || y >= SIZE || alpha <= 0) return;
  const i = (y * SIZE + x) * 4;
  const a = Math.min(1, alpha);
  const dstA = px[i + 3] / 255;
  const outA = a + dstA * (1 - a);
  for (const [k, c] of [
    [0, r],
    [1, g],
    [2, b],
  ])
    px[i + k] = Math.round((c * a + px[i + k] * dstA * (1 - a)) / (outA || 1));
  px[i + 3] = Math.round(outA * 255);
}
/** Coverage of a rounded rectangle at a pixel centre, with one pixel of anti-aliasing. */
function roundRect(x0, y0, x1, y1, radius, color) {
  for (let y = Math.floor(y0) - 1; y <= Math.ceil(y1); y++)
    for (let x = Math.floor(x0) - 1; x <= Math.ceil(x1); x++) {
      const cx = Math.max(x0 + radius, Math.min(x + 0.5, x1 - radius));
      const cy = Math.max(y0 + radius, Math.min(y + 0.5, y1 - radius));
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - radius;
      blend(x, y, color, 0.5 - d);
    }
}
/** A thick line with round ends. */
function stroke(ax, ay, bx, by, width, color) {
  for (let y = Math.floor(Math.min(ay, by) - width); y <= Math.ceil(Math.max(ay, by) + width); y++)
    for (let x = Math.floor(Math.min(ax, bx) - width); x <= Math.ceil(Math.max(ax, bx) + width); x++) {
      const vx = bx - ax,
        vy = by - ay;
      const t = Math.max(0, Math.min(1, ((x + 0.5 - ax) * vx + (y + 0.5 - ay) * vy) / (vx * vx + vy * vy)));
      const d = Math.hypot(x + 0.5 - (ax + t * vx), y + 0.5 - (ay + t * vy)) - width / 2;
      blend(x, y, color, 0.5 - d);
    }
}

const TILE = [24, 44, 72];
const PIN = [150, 170, 190];
const CHIP = [210, 222, 235];
const DIE = [40, 70, 110];
const CHECK = [70, 200, 110];

roundRect(8, 8, 248, 248, 44, TILE);
for (let i = 0; i < 6; i++) {
  const p = 70 + i * 23;
  roundRect(p, 36, p + 10, 64, 3, PIN);
  roundRect(p, 192, p + 10, 220, 3, PIN);
  roundRect(36, p, 64, p + 10, 3, PIN);
  roundRect(192, p, 220, p + 10, 3, PIN);
}
roundRect(56, 56, 200, 200, 16, CHIP);
roundRect(80, 80, 176, 176, 10, DIE);
stroke(100, 130, 122, 154, 16, CHECK);
stroke(122, 154, 160, 104, 16, CHECK);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  raw.set(px.subarray(y * SIZE * 4, (y + 1) * SIZE * 4), y * (SIZE * 4 + 1) + 1);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

if (process.argv.includes('--check')) {
  const same = fs.existsSync(out) && fs.readFileSync(out).equals(png);
  if (!same) console.error('images/icon.png differs from scripts/make-icon.mjs: run node scripts/make-icon.mjs');
  process.exit(same ? 0 : 1);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`wrote ${path.relative(root, out)} (${png.length} bytes)`);
