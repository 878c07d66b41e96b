/**
 * A tiny shapefile/DBF writer for tests and the import benchmark only: it builds crafted inputs
 * (truncated records, hostile headers, 100k parcels) without waiting on the export module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import type { SourceFile } from '../import.types';

/** Polygon records as rings of [x, y] (shapefile winding: shells clockwise). */
export type XYRing = [number, number][];

/** Writes .shp and .shx for polygon records (type 5, or `shapeType` for crafted cases). */
export function writePolygonShp(
  records: (XYRing[] | null)[],
  shapeType = 5,
): { shp: Uint8Array; shx: Uint8Array } {
  const sizes = records.map((rings) =>
    rings ? 44 + 4 * rings.length + 16 * rings.reduce((a, r) => a + r.length, 0) : 4,
  );
  const shpLength = 100 + sizes.reduce((a, s) => a + 8 + s, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * records.length);
  const v = new DataView(shp.buffer);
  const vx = new DataView(shx.buffer);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const rings of records)
    for (const r of rings ?? [])
      for (const [x, y] of r) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
  for (const [view, len] of [
    [v, shpLength],
    [vx, shx.length],
  ] as const) {
    view.setInt32(0, 9994, false);
    view.setInt32(24, len / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, shapeType, true);
    view.setFloat64(36, minX, true);
    view.setFloat64(44, minY, true);
    view.setFloat64(52, maxX, true);
    view.setFloat64(60, maxY, true);
  }
  let off = 100;
  records.forEach((rings, i) => {
    const size = sizes[i] as number;
    vx.setInt32(100 + 8 * i, off / 2, false);
    vx.setInt32(104 + 8 * i, size / 2, false);
    v.setInt32(off, i + 1, false);
    v.setInt32(off + 4, size / 2, false);
    const c = off + 8;
    if (!rings) {
      v.setInt32(c, 0, true);
    } else {
      v.setInt32(c, shapeType, true);
      const n = rings.reduce((a, r) => a + r.length, 0);
      v.setInt32(c + 36, rings.length, true);
      v.setInt32(c + 40, n, true);
      let start = 0;
      rings.forEach((r, j) => {
        v.setInt32(c + 44 + 4 * j, start, true);
        start += r.length;
      });
      let p = c + 44 + 4 * rings.length;
      for (const r of rings)
        for (const [x, y] of r) {
          v.setFloat64(p, x, true);
          v.setFloat64(p + 8, y, true);
          p += 16;
        }
    }
    off += 8 + size;
  });
  return { shp, shx };
}

let gbkTable: Map<string, number[]> | undefined;
/** Encodes text as GBK by inverting TextDecoder('gbk') (tests only; slow to build once). */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const d = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = d.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) out.push(code);
    else out.push(...(gbkTable.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

/** A DBF field for the writer. */
export interface MiniField {
  name: string;
  type: 'C' | 'N' | 'D' | 'L';
  length: number;
  decimals?: number;
}

/** Writes a DBF; text encoded with `encode` (UTF-8 by default); `ldid` goes to byte 29. */
export function writeDbf(
  fields: MiniField[],
  rows: (string | number | null)[][],
  options: { encode?: (s: string) => Uint8Array; ldid?: number; nameBytes?: Uint8Array[] } = {},
): Uint8Array {
  const encode = options.encode ?? ((s: string) => new TextEncoder().encode(s));
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((a, f) => a + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 3;
  out[1] = 124;
  out[2] = 1;
  out[3] = 1;
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  out[29] = options.ldid ?? 0;
  fields.forEach((f, i) => {
    const p = 32 + 32 * i;
    const name = options.nameBytes?.[i] ?? encode(f.name);
    out.set(name.subarray(0, 10), p);
    out[p + 11] = f.type.charCodeAt(0);
    out[p + 16] = f.length;
    out[p + 17] = f.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    const base = headerLength + r * recordLength;
    out[base] = 0x20;
    let o = base + 1;
    fields.forEach((f, i) => {
      out.fill(0x20, o, o + f.length);
      const value = row[i];
      if (value !== null && value !== undefined) {
        const bytes =
          f.type === 'N' ? new TextEncoder().encode(String(value).padStart(f.length)) : encode(String(value));
        out.set(bytes.subarray(0, f.length), o);
      }
      o += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** Zips files (path → bytes) with deflate. */
export function zipOf(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 6 });
}

/** Reads a fixture folder as SourceFiles. */
export function loadFixtureDir(dir: string): SourceFile[] {
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
}

/** A clockwise square ring (a shapefile shell) of side `s` at (x, y). */
export function square(x: number, y: number, s: number): XYRing {
  return [
    [x, y],
    [x, y + s],
    [x + s, y + s],
    [x + s, y],
    [x, y],
  ];
}
