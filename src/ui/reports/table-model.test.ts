import { describe, expect, it } from 'vitest';
import { summarize } from '../../domain/parcel-summary';
import { tableRows } from '../../domain/reports/table-rows';
import { sampleRecord, squareRing } from '../../io/export/sample-records';
import { EMPTY_FILTER, filterAndSort } from './table-model';

const statuses = ['to-verify', 'confirmed', 'disposing'] as const;
// Codes out of order, with numbers of different lengths (numeric collation) and repeats.
const records = Array.from({ length: 60 }, (_, i) =>
  sampleRecord(
    i,
    { type: 'Polygon', coordinates: [squareRing(111, 25, 0.001)] },
    {
      areaM2: ((i * 37) % 61) * 100 + 1,
      status: statuses[i % 3] ?? 'to-verify',
      facts: { code: `A${(i * 7) % 23}`, township: i % 2 ? '城关镇' : '两江镇' },
      source: { properties: { N: (i * 13) % 17, T: `t${i % 5}` } },
    },
  ),
);
const parcels = new Map(records.map((r, i) => [r.id, summarize(r, i + 1)]));
const { rows } = tableRows(records);
const byId = new Map(records.map((r) => [r.id, r]));

describe('filterAndSort', () => {
  it('sorts by code as numeric collation does, keeping equal codes in record order', () => {
    const order = filterAndSort(rows, parcels, EMPTY_FILTER, { key: 'code', descending: false });
    const codes = order.map((i) => rows[i]?.code ?? '');
    const expected = records
      .map((r, i) => ({ code: r.facts.code ?? '', i }))
      .sort((a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true }) || a.i - b.i)
      .map((r) => r.code);
    expect(codes).toEqual(expected);
    expect(codes.indexOf('A2')).toBeLessThan(codes.indexOf('A10'));
    const descending = filterAndSort(rows, parcels, EMPTY_FILTER, { key: 'code', descending: true });
    expect(descending.map((i) => rows[i]?.code)).toEqual([...expected].reverse());
  });

  it('filters by status and sorts by area, largest first', () => {
    const order = filterAndSort(
      rows,
      parcels,
      { ...EMPTY_FILTER, status: 'confirmed' },
      { key: 'area', descending: true },
    );
    const areas = order.map((i) => byId.get(rows[i]?.id ?? '')?.areaM2 ?? -1);
    const expected = records
      .filter((r) => r.status === 'confirmed')
      .map((r) => r.areaM2)
      .sort((a, b) => b - a);
    expect(areas).toEqual(expected);
  });

  it('sorts a numeric imported column as numbers', () => {
    const column = tableRows(records).columns.indexOf('N');
    const order = filterAndSort(rows, parcels, EMPTY_FILTER, { key: `attr:${column}`, descending: false });
    const values = order.map((i) => Number(rows[i]?.attributes[column]));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values).toHaveLength(records.length);
  });
});
