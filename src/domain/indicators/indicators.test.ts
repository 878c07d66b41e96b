import { describe, expect, it } from 'vitest';
import type { ChangeLogEntry } from '../change-log';
import type { ParcelFacts } from '../parcel';
import { defaultRegion } from '../regions';
import { disposalRate } from './disposal-rate';
import { groupRecords } from './group-by';
import { quarterlyProgress } from './quarterly-progress';
import type { HistoryInput } from './record-history';
import { fiveYearSupplyRate } from './supply-rate';

const targets = defaultRegion.targets;
const rec = (
  id: string,
  category: HistoryInput['category'],
  status: HistoryInput['status'],
  areaM2: number,
  facts: ParcelFacts = {},
): HistoryInput => ({
  id,
  category,
  status,
  areaM2,
  facts,
});
const change = (
  parcelId: string,
  at: string,
  field: string,
  oldValue: unknown,
  newValue: unknown,
): ChangeLogEntry => ({
  parcelId,
  at,
  who: 'test',
  field,
  oldValue,
  newValue,
});

/*
 * Hand-checked dataset for 2024 (times in UTC; Beijing = UTC+8).
 * 批而未供 at 1 Jan 2024 (Beijing):
 *   A 10,000 m², disposed 2024-05-10                         → base 10,000, disposed 10,000
 *   B 20,000 m², still confirmed                              → base 20,000, disposed 0
 *   C batch: approved 30,000, supplied 10,000 at the start,
 *     25,000 at the end (facts.suppliedAreaM2 changed 2024-08) → base 20,000, disposed 15,000
 *   D 5,000 m², disposed 2023-12-31T17:00Z = 2024-01-01 01:00 Beijing → in stock at the start, disposed in 2024
 *   E 8,000 m², disposed 2023-12-31T15:00Z = 2023-12-31 23:00 Beijing → already disposed: not in the base
 *   F 7,000 m², became 批而未供 in March 2024                  → not in the base
 *   G 4,000 m², revoked 2024-09-01 (撤销一批)                  → base 4,000, disposed 4,000
 * base = 10,000 + 20,000 + 20,000 + 5,000 + 4,000 = 59,000
 * disposed = 10,000 + 0 + 15,000 + 5,000 + 4,000 = 34,000 → 57.63 % ≥ 18 % → met
 * Idle at the start: H 3,000 (disposed 2024-11-01), I 9,000 (revoked 2024-02-01, not a disposal of idle land)
 *   → 3,000 / 12,000 = 25 % exactly ≥ 25 % → met
 */
const records: HistoryInput[] = [
  rec('A', 'approved-not-supplied', 'disposed', 10_000),
  rec('B', 'approved-not-supplied', 'confirmed', 20_000),
  rec('C', 'approved-not-supplied', 'disposing', 30_000, { approvedAreaM2: 30_000, suppliedAreaM2: 25_000 }),
  rec('D', 'approved-not-supplied', 'disposed', 5_000),
  rec('E', 'approved-not-supplied', 'disposed', 8_000),
  rec('F', 'approved-not-supplied', 'confirmed', 7_000),
  rec('G', 'approved-not-supplied', 'revoked', 4_000),
  rec('H', 'idle', 'disposed', 3_000),
  rec('I', 'idle', 'revoked', 9_000),
];
const changes: ChangeLogEntry[] = [
  change('A', '2024-05-10T02:00:00.000Z', 'status', 'disposing', 'disposed'),
  change('C', '2024-08-01T02:00:00.000Z', 'facts.suppliedAreaM2', 10_000, 25_000),
  change('D', '2023-12-31T17:00:00.000Z', 'status', 'disposing', 'disposed'),
  change('E', '2023-12-31T15:00:00.000Z', 'status', 'disposing', 'disposed'),
  change('F', '2024-03-01T02:00:00.000Z', 'category', 'unclassified', 'approved-not-supplied'),
  change('G', '2024-09-01T02:00:00.000Z', 'status', 'confirmed', 'revoked'),
  change('H', '2024-11-01T02:00:00.000Z', 'status', 'disposing', 'disposed'),
  change('I', '2024-02-01T02:00:00.000Z', 'status', 'confirmed', 'revoked'),
];

describe('disposal rates', () => {
  it('批而未供土地处置率 2024 = 34,000 / 59,000', () => {
    const indicator = disposalRate('approved-not-supplied', records, changes, 2024, targets);
    expect(indicator).toMatchObject({ partM2: 34_000, wholeM2: 59_000, count: 5, met: true });
    expect(indicator.rate).toBeCloseTo(0.5763, 4);
  });
  it('misses the Chenzhou 60 % target', () => {
    const chenzhou = { ...targets, approvedNotSuppliedDisposalRate: { numerator: 60, denominator: 100 } };
    expect(disposalRate('approved-not-supplied', records, changes, 2024, chenzhou).met).toBe(false);
  });
  it('闲置土地处置率 2024 = 3,000 / 12,000 = exactly 25 % → met', () => {
    const indicator = disposalRate('idle', records, changes, 2024, targets);
    expect(indicator).toMatchObject({ partM2: 3_000, wholeM2: 12_000, rate: 0.25, met: true });
  });
  it('has no rate without stock', () => {
    expect(disposalRate('idle', [], [], 2024, targets)).toMatchObject({ rate: null, met: null });
  });
});

/*
 * 近五年平均供地率 for 2024 counts approvals of 2019–2023:
 *   P1 approved 2019, 10,000, supplied (supplyDate 2020)                  → 10,000 / 10,000
 *   P2 approved 2021, 20,000, 已供 5,000 before; 15,000 from 2024-09-01    → mid-year 5,000, year-end 15,000
 *   P3 approved 2023, 10,000, supplyDate 2024-03-15                         → 10,000 both (supplied before 30 June)
 *   P4 approved 2018 (outside the window); P5 approved 2024 (the assessed year, outside)
 * mid-year: (10,000 + 5,000 + 10,000) / 40,000 = 62.5 % ≥ 60 % → met
 * year-end: (10,000 + 15,000 + 10,000) / 40,000 = 87.5 % ≥ 66 % → met
 */
describe('近五年平均供地率', () => {
  const supplyRecords: HistoryInput[] = [
    rec('P1', 'not-stock', 'confirmed', 10_000, { approvalDate: '2019-05-01', supplyDate: '2020-01-01' }),
    rec('P2', 'approved-not-supplied', 'confirmed', 20_000, {
      approvalDate: '2021-05-01',
      approvedAreaM2: 20_000,
      suppliedAreaM2: 15_000,
    }),
    rec('P3', 'not-stock', 'confirmed', 10_000, { approvalDate: '2023-05-01', supplyDate: '2024-03-15' }),
    rec('P4', 'approved-not-supplied', 'confirmed', 50_000, { approvalDate: '2018-05-01' }),
    rec('P5', 'approved-not-supplied', 'confirmed', 50_000, { approvalDate: '2024-02-01' }),
  ];
  const supplyChanges = [change('P2', '2024-09-01T02:00:00.000Z', 'facts.suppliedAreaM2', 5_000, 15_000)];

  it('mid-year 62.5 %, year-end 87.5 %', () => {
    const indicator = fiveYearSupplyRate(supplyRecords, supplyChanges, 2024, targets);
    expect(indicator.approvalYears).toEqual([2019, 2023]);
    expect(indicator.midYear).toMatchObject({
      partM2: 25_000,
      wholeM2: 40_000,
      rate: 0.625,
      met: true,
      count: 3,
    });
    expect(indicator.yearEnd).toMatchObject({ partM2: 35_000, wholeM2: 40_000, rate: 0.875, met: true });
  });
  it('below 60 % at mid-year triggers rectification', () => {
    const only = supplyRecords.filter((r) => r.id === 'P2');
    const indicator = fiveYearSupplyRate(only, supplyChanges, 2024, targets);
    expect(indicator.midYear).toMatchObject({ rate: 0.25, met: false });
    expect(indicator.yearEnd).toMatchObject({ rate: 0.75, met: true });
  });
});

/*
 * Quarterly progress of 2024, task 40,000 m². Stock at the start (as in the first dataset): A, B, C,
 * D, G (批而未供) and H, I (idle). Revitalised by the end of
 *   Q1: D 5,000                               → 12.5 % < 15 % → not met
 *   Q2: + A 10,000 = 15,000                   → 37.5 % < 40 % → not met
 *   Q3: + C 15,000 (remainder fall) = 30,000   → 75 % ≥ 75 % → met (G revoked is not revitalised)
 *   Q4: + H 3,000 = 33,000                     → 82.5 % < 100 % → not met
 */
describe('quarterly progress (000 §三(五))', () => {
  it('compares each quarter with 15/40/75/100 %', () => {
    const quarters = quarterlyProgress(records, changes, 2024, 40_000, targets, '2025-01-10');
    expect(quarters.map((q) => q.doneM2)).toEqual([5_000, 15_000, 30_000, 33_000]);
    expect(quarters.map((q) => q.met)).toEqual([false, false, true, false]);
  });
  it('leaves quarters that have not ended unjudged', () => {
    const quarters = quarterlyProgress(records, changes, 2024, 40_000, targets, '2024-06-01');
    expect(quarters.map((q) => q.met)).toEqual([false, null, null, null]);
    expect(quarters[1]?.doneM2).toBe(15_000);
  });
});

describe('groupRecords', () => {
  it('counts and sums areas in m², 亩 and 公顷', () => {
    const rows = groupRecords(
      [
        { category: 'idle', status: 'confirmed', areaM2: 10_000, facts: { township: '城关镇' } },
        { category: 'idle', status: 'disposed', areaM2: 5_000, facts: {} },
        { category: 'leftover', status: 'confirmed', areaM2: 1_000, facts: { township: '城关镇' } },
      ],
      'category',
    );
    expect(rows).toEqual([
      { key: 'idle', count: 2, areaM2: 15_000, mu: 22.5, hectares: 1.5 },
      { key: 'leftover', count: 1, areaM2: 1_000, mu: 1.5, hectares: 0.1 },
    ]);
  });
  it('gives a row per conflicting control line', () => {
    const rows = groupRecords(
      [
        {
          category: 'idle',
          status: 'confirmed',
          areaM2: 100,
          facts: {},
          overlay: [
            { role: 'permanent-farmland', insideM2: 5, verdict: 'conflict' },
            { role: 'development-boundary', insideM2: 50, verdict: 'outside' },
          ],
        },
        { category: 'idle', status: 'confirmed', areaM2: 200, facts: {}, overlay: [] },
      ],
      'conflict',
    );
    expect(rows.map((row) => [row.key, row.count])).toEqual([
      ['none', 1],
      ['development-boundary:outside', 1],
      ['permanent-farmland:conflict', 1],
    ]);
  });
});
