/**
 * A minimal PMTiles v3 writer for tests only (the pmtiles package reads, it does not write).
 * Written from the spec (github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) without using the
 * package, so the reader is checked against an independent encoding: a 127-byte header, one
 * uncompressed root directory, JSON metadata, then the tile data. Also draws solid-colour PNG tiles.
 */
import { zlibSync } from 'fflate';

export interface TestTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface TestArchiveOptions {
  /** PMTiles tile type: 1 MVT, 2 PNG, 3 JPEG, 4 WebP. */
  tileType?: number;
  /** 1 none, 2 gzip (the bytes are written as given; the header only says so). */
  tileCompression?: number;
  bounds?: [number, number, number, number];
  center?: [number, number, number];
  metadata?: Record<string, unknown>;
  /** Spec version written at byte 7. */
  version?: number;
}

/** Tile id of z/x/y: tiles of all lower zooms first, then the Hilbert curve index within the zoom. */
export function tileIdOf(z: number, x: number, y: number): number {
  let base = 0;
  for (let i = 0; i < z; i++) base += 4 ** i;
  const n = 2 ** z;
  let d = 0;
  let rx: number;
  let ry: number;
  let xx = x;
  let yy = y;
  for (let s = n / 2; s >= 1; s /= 2) {
    rx = (xx & s) > 0 ? 1 : 0;
    ry = (yy & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant (the classic xy2d).
    if (ry === 0) {
      if (rx === 1) {
        xx = s - 1 - xx;
        yy = s - 1 - yy;
      }
      const t = xx;
      xx = yy;
      yy = t;
    }
  }
  return base + d;
}

function varint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function setUint64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, value % 2 ** 32, true);
  view.setUint32(offset + 4, Math.floor(value / 2 ** 32), true);
}

/** Builds a whole archive in memory. Tiles may come in any order; ids must be distinct. */
export function writeTestPmtiles(tiles: TestTile[], options: TestArchiveOptions = {}): Uint8Array {
  const sorted = tiles.map((t) => ({ ...t, id: tileIdOf(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  const directory: number[] = [];
  varint(directory, sorted.length);
  let lastId = 0;
  for (const t of sorted) {
    varint(directory, t.id - lastId);
    lastId = t.id;
  }
  for (let i = 0; i < sorted.length; i++) varint(directory, 1);
  for (const t of sorted) varint(directory, t.data.length);
  // Offsets: 0 means "right after the previous tile"; the first one is written explicitly (+1).
  for (let i = 0; i < sorted.length; i++) varint(directory, i === 0 ? 1 : 0);
  const metadata = new TextEncoder().encode(JSON.stringify(options.metadata ?? {}));
  const tileBytes = sorted.reduce((a, t) => a + t.data.length, 0);
  const rootOffset = 127;
  const metadataOffset = rootOffset + directory.length;
  const tileOffset = metadataOffset + metadata.length;
  const out = new Uint8Array(tileOffset + tileBytes);
  out.set(new TextEncoder().encode('PMTiles'), 0);
  const view = new DataView(out.buffer);
  view.setUint8(7, options.version ?? 3);
  setUint64(view, 8, rootOffset);
  setUint64(view, 16, directory.length);
  setUint64(view, 24, metadataOffset);
  setUint64(view, 32, metadata.length);
  setUint64(view, 40, tileOffset);
  setUint64(view, 48, 0);
  setUint64(view, 56, tileOffset);
  setUint64(view, 64, tileBytes);
  setUint64(view, 72, sorted.length);
  setUint64(view, 80, sorted.length);
  setUint64(view, 88, sorted.length);
  view.setUint8(96, 1);
  view.setUint8(97, 1);
  view.setUint8(98, options.tileCompression ?? 1);
  view.setUint8(99, options.tileType ?? 2);
  const zooms = sorted.map((t) => t.z);
  view.setUint8(100, Math.min(...zooms));
  view.setUint8(101, Math.max(...zooms));
  const [w, s, e, n] = options.bounds ?? [-180, -85, 180, 85];
  view.setInt32(102, Math.round(w * 1e7), true);
  view.setInt32(106, Math.round(s * 1e7), true);
  view.setInt32(110, Math.round(e * 1e7), true);
  view.setInt32(114, Math.round(n * 1e7), true);
  const [cx, cy, cz] = options.center ?? [(w + e) / 2, (s + n) / 2, Math.min(...zooms)];
  view.setUint8(118, cz);
  view.setInt32(119, Math.round(cx * 1e7), true);
  view.setInt32(123, Math.round(cy * 1e7), true);
  out.set(directory, rootOffset);
  out.set(metadata, metadataOffset);
  let at = tileOffset;
  for (const t of sorted) {
    out.set(t.data, at);
    at += t.data.length;
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A solid-colour RGB PNG (8-bit, no interlace). */
export function solidPng(rgb: [number, number, number], size = 256): Uint8Array {
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, size);
  hv.setUint32(4, size);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    for (let x = 0; x < size; x++) raw.set(rgb, row + 1 + x * 3);
  }
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The tile of zoom z containing a lon/lat (Web Mercator, XYZ scheme). */
export function tileAt(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { x, y };
}

function zigzag(n: number): number {
  return (n << 1) ^ (n >> 31);
}

function field(out: number[], tag: number, wire: number): void {
  varint(out, (tag << 3) | wire);
}

function bytesField(out: number[], tag: number, bytes: ArrayLike<number>): void {
  field(out, tag, 2);
  varint(out, bytes.length);
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i] ?? 0);
}

/**
 * A Mapbox Vector Tile (spec 2.1) with one layer holding one polygon that covers the whole tile:
 * enough for a vector basemap test ("water" everywhere), written by hand like the archive.
 */
export function fullTileMvt(layerName: string, extent = 4096): Uint8Array {
  const geometry: number[] = [];
  const ring: [number, number][] = [
    [0, 0],
    [extent, 0],
    [extent, extent],
    [0, extent],
  ];
  // MoveTo 1, LineTo 3, ClosePath 1 — with zig-zag encoded deltas (clockwise in tile coordinates).
  geometry.push((1 & 7) | (1 << 3), zigzag(0), zigzag(0));
  geometry.push((2 & 7) | (3 << 3));
  for (let i = 1; i < ring.length; i++) {
    const [x, y] = ring[i] ?? [0, 0];
    const [px, py] = ring[i - 1] ?? [0, 0];
    geometry.push(zigzag(x - px), zigzag(y - py));
  }
  geometry.push((7 & 7) | (1 << 3));
  const packed: number[] = [];
  for (const g of geometry) varint(packed, g);
  const feature: number[] = [];
  field(feature, 1, 0);
  varint(feature, 1);
  field(feature, 3, 0);
  varint(feature, 3);
  bytesField(feature, 4, packed);
  const layer: number[] = [];
  field(layer, 15, 0);
  varint(layer, 2);
  bytesField(layer, 1, new TextEncoder().encode(layerName));
  bytesField(layer, 2, feature);
  field(layer, 5, 0);
  varint(layer, extent);
  const tile: number[] = [];
  bytesField(tile, 3, layer);
  return new Uint8Array(tile);
}
