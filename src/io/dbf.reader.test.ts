import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../shared/seeded-random';
import { decodeDbf } from './dbf.reader';
import type { MiniField } from './testing/mini-shapefile';
import { encodeGbk, writeDbf } from './testing/mini-shapefile';

const USES = ['工业用地', '商服用地', '住宅用地', '公共管理与公共服务用地', '交通运输用地', '仓储用地', 'A'];
const TOWNS = ['会仙镇', '两江镇', '四塘乡', '五通镇'];

/** Independent decode of one cell: trim dBASE padding, then one TextDecoder call for that cell alone. */
function referenceCell(bytes: Uint8Array, start: number, length: number, decoder: TextDecoder): string {
  let end = start + length;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return decoder.decode(bytes.subarray(start, end));
}

describe('decodeDbf: column caches and record objects', () => {
  // Columns that repeat (uses, towns, dates, short ASCII codes that differ in one byte) and columns
  // that never do (codes, owners): every cell must equal its own independent decode.
  const fields: MiniField[] = [
    { name: 'ZDDM', type: 'C', length: 16 },
    { name: 'YT', type: 'C', length: 24 },
    { name: 'QLR', type: 'C', length: 30 },
    { name: 'TOWN', type: 'C', length: 8 },
    { name: 'CODE', type: 'C', length: 4 },
    { name: 'PZRQ', type: 'D', length: 8 },
    { name: 'ZDMJ', type: 'N', length: 12, decimals: 2 },
  ];
  const random = mulberry32(42);
  const rows: (string | number | null)[][] = [];
  // 25,000 rows: ~75,000 non-ASCII cells wait for the batched decode, more than its first buffer.
  for (let i = 0; i < 25_000; i++) {
    rows.push([
      `4503021${String(i).padStart(9, '0')}`,
      USES[Math.floor(random() * USES.length)] as string,
      `桂林市第${i}建设有限公司`,
      i % 97 === 0 ? '' : (TOWNS[Math.floor(random() * TOWNS.length)] as string),
      // 300 distinct four-letter codes: many share a hash slot by chance, none may be confused.
      `C${String(Math.floor(random() * 300)).padStart(3, '0')}`,
      `20${10 + Math.floor(random() * 15)}0${1 + Math.floor(random() * 9)}1${Math.floor(random() * 9)}`,
      Math.round(random() * 1e6) / 100,
    ]);
  }
  const bytes = writeDbf(fields, rows, { encode: encodeGbk, ldid: 77 });

  it('every cell equals a per-cell decode, repeated values included', () => {
    const table = decodeDbf(bytes, 'gbk');
    const decoder = new TextDecoder('gbk');
    const headerLength = 32 + 32 * fields.length + 1;
    const recordLength = 1 + fields.reduce((a, f) => a + f.length, 0);
    expect(table.records).toHaveLength(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const record = table.records[r] as Record<string, unknown>;
      let offset = headerLength + r * recordLength + 1;
      for (const field of fields) {
        const expected = referenceCell(bytes, offset, field.length, decoder);
        offset += field.length;
        if (field.type === 'N') {
          expect(record[field.name]).toBe(Number(expected));
        } else if (field.type === 'D') {
          expect(record[field.name]).toBe(
            `${expected.slice(0, 4)}-${expected.slice(4, 6)}-${expected.slice(6)}`,
          );
        } else {
          expect(record[field.name]).toBe(expected);
        }
      }
    }
    // The source strings survive the round trip (the reference is not trivially equal to itself).
    expect(table.records[5]?.QLR).toBe('桂林市第5建设有限公司');
    expect(USES).toContain(table.records[17]?.YT);
  });

  it('the same file read as UTF-8 gives replacement characters, not cached GBK strings', () => {
    const table = decodeDbf(bytes, 'utf-8');
    expect(String(table.records[3]?.YT)).toContain('\uFFFD');
  });

  it('records inherit nothing: hostile names are own keys, absent names are undefined', () => {
    const dbf = writeDbf(
      [
        { name: '__proto__', type: 'C', length: 10 },
        { name: 'valueOf', type: 'C', length: 10 },
      ],
      [
        ['polluted', 'x'],
        ['polluted', 'y'],
      ],
    );
    const table = decodeDbf(dbf, 'utf-8');
    for (const record of table.records) {
      expect(Object.keys(record)).toEqual(['__proto__', 'valueOf']);
      expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('polluted');
      expect('toString' in record).toBe(false);
      expect('constructor' in record).toBe(false);
      expect((record as Record<string, unknown>).hasOwnProperty).toBeUndefined();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
