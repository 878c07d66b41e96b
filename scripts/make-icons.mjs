// Draws the PWA icons (public/icons/*.png) as plain PNGs: the favicon's blue tile with an orange
// field polygon. No image library: 4×4 supersampled coverage, written with zlib. Output is
// deterministic; run `node scripts/make-icons.mjs` after changing the drawing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1f, 0x4e, 0x79];
const ORANGE = [0xe8, 0xa3, 0x3d];
const WHITE = [0xff, 0xff, 0xff];
// The favicon's polygon in a 32-unit box.
const FIELD = [
  [6, 24],
  [12, 8],
  [20, 14],
  [26, 6],
  [26, 26],
  [6, 26],
];

function inside(polygon, x, y) {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function distanceToEdges(polygon, x, y) {
  let best = Infinity;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [ax, ay] = polygon[j];
    const [bx, by] = polygon[i];
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
  }
  return best;
}

/** Colour of one point in the 32-unit design box (null: transparent). */
function shade(x, y, maskable) {
  // Maskable icons fill the square; the drawing shrinks into the 80 % safe zone.
  if (maskable) {
    const u = (x - 16) / 0.8 + 16;
    const v = (y - 16) / 0.8 + 16;
    if (inside(FIELD, u, v) || distanceToEdges(FIELD, u, v) < 0.9) {
      return distanceToEdges(FIELD, u, v) < 0.9 ? WHITE : ORANGE;
    }
    return BLUE;
  }
  const r = 6;
  const cx = Math.min(Math.max(x, r), 32 - r);
  const cy = Math.min(Math.max(y, r), 32 - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;
  if (distanceToEdges(FIELD, x, y) < 0.75) return WHITE;
  if (inside(FIELD, x, y)) return ORANGE;
  return BLUE;
}

function render(size, maskable) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade(((px + (sx + 0.5) / n) * 32) / size, ((py + (sy + 0.5) / n) * 32) / size, maskable);
          if (!c) continue;
          sum[0] += c[0];
          sum[1] += c[1];
          sum[2] += c[2];
          sum[3] += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (sum[3] > 0) {
        rgba[o] = Math.round(sum[0] / sum[3]);
        rgba[o + 1] = Math.round(sum[1] / sum[3]);
        rgba[o + 2] = Math.round(sum[2] / sum[3]);
      }
      rgba[o + 3] = Math.round((sum[3] / (n * n)) * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon-180.png', 180, true],
]) {
  writeFileSync(`public/icons/${name}`, png(size, render(size, maskable)));
}
