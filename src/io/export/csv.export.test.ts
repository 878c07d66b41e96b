import { describe, expect, it } from 'vitest';
import {
  csvCell,
  exportCsv,
  neutraliseFormula,
  parcelListCsv,
  parseCsv,
  stripFormulaGuard,
} from './csv.export';
import { sampleRecord, squareRing } from './sample-records';

interface Row {
  note: string;
  value: number;
}
const columns = [
  { header: 'note', value: (r: Row) => r.note },
  { header: 'value', value: (r: Row) => r.value },
];

describe('formula neutralisation (RELIABILITY 54)', () => {
  const hostile = ["=cmd|' /c calc'!A1", '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1'];

  it.each(hostile)('guards %j with a leading apostrophe and restores it on re-import', (text) => {
    const csv = exportCsv([{ note: text, value: 1 }], columns);
    const rows = parseCsv(csv);
    // The raw cell (quotes removed) starts with the guard.
    const body = csv.split('\r\n')[1] as string;
    expect(body.replace(/^"/, '').startsWith("'")).toBe(true);
    expect(rows[1]?.[0]).toBe(text);
  });

  it('keeps real numbers numeric, including -12.5', () => {
    const csv = exportCsv([{ note: 'x', value: -12.5 }], columns);
    expect(csv.split('\r\n')[1]).toBe('x,-12.5');
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('is bijective for text that already starts with an apostrophe', () => {
    for (const text of ["'=1", "''+2", "'plain", 'plain', '']) {
      expect(stripFormulaGuard(neutraliseFormula(text))).toBe(text);
    }
    expect(neutraliseFormula("'plain")).toBe("'plain");
  });
});

describe('exportCsv', () => {
  it('writes a BOM, CRLF and RFC 4180 quotes', () => {
    const csv = exportCsv([{ note: 'a,"b"\nc', value: 2 }], columns, { bom: true });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFnote,value\r\n"a,""b""\nc",2\r\n');
    expect(parseCsv(csv)).toEqual([
      ['note', 'value'],
      ['a,"b"\nc', '2'],
    ]);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('can leave the BOM out', () => {
    expect(exportCsv([], columns, { bom: false })).toBe('note,value\r\n');
  });
});

describe('parcelListCsv', () => {
  const record = sampleRecord(
    1,
    { type: 'Polygon', coordinates: [squareRing(111, 25, 0.001)] },
    {
      areaM2: 66_666.67,
      notes: '=HYPERLINK("http://x")',
      overlay: [
        { role: 'permanent-farmland', insideM2: 666.67, verdict: 'conflict' },
        { role: 'development-boundary', insideM2: 60_000, verdict: 'outside' },
        { role: 'ecological-redline', insideM2: 0, verdict: 'ok' },
      ],
    },
  );

  it('has zh-CN headers, labels and numeric areas', () => {
    const rows = parseCsv(parcelListCsv([record], 'zh-CN'));
    const header = rows[0] as string[];
    const row = rows[1] as string[];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(header).toContain('宗地代码');
    expect(cell('存量类型')).toBe('批而未供');
    expect(cell('状态')).toBe('已认定');
    expect(cell('面积(亩)')).toBe('100');
    expect(cell('面积(公顷)')).toBe('6.6667');
    expect(cell('管控冲突')).toBe('永久基本农田:冲突 1、城镇开发边界:超出边界 90');
    expect(cell('备注')).toBe('=HYPERLINK("http://x")');
  });

  it('has English headers and labels', () => {
    const rows = parseCsv(parcelListCsv([record], 'en'));
    expect(rows[0]).toContain('Parcel code');
    expect(rows[1]).toContain('Approved, not supplied');
  });
});
