import { describe, expect, it } from 'vitest';
import { defaultRegion } from '../regions';
import { muToSquareMetres } from '../units';
import { formatReason } from './format-reason';
import { rerunRules } from './rerun-rules';
import { suggestCategory } from './suggest-category';
import { parcel } from './test-helpers';

const region = defaultRegion.thresholds;

describe('suggestCategory', () => {
  it('rural collective land needs its type (003 §8)', () => {
    expect(
      suggestCategory(parcel({ rural: true, ruralStockType: 'homestead' }), '2025-01-01', region),
    ).toMatchObject({
      category: 'rural-stock',
      subType: 'homestead',
    });
    expect(suggestCategory(parcel({ rural: true }), '2025-01-01', region)).toMatchObject({
      category: 'unclassified',
      undecided: [{ field: 'ruralStockType', rule: 'rural-stock' }],
    });
  });

  it('leftover plots up to the regional cap (003 §9)', () => {
    const at = (mu: number) =>
      suggestCategory(parcel({ leftoverPlot: true }, { areaM2: muToSquareMetres(mu) }), '2025-01-01', region);
    expect(at(3).category).toBe('leftover');
    expect(formatReason(at(2.5).reasons[0] ?? { code: 'not-stock', params: {} }, 'zh-CN')).toBe(
      '边角地、夹心地、插花地，面积 2.5 亩 ≤ 3 亩 → 零星用地 (003 §9)',
    );
    const large = at(3.01);
    expect(large.category).toBe('unclassified');
    expect(large.reasons.map((r) => r.code)).toEqual(['leftover-too-large']);
  });

  it('knows nothing without approval or supply history', () => {
    const suggestion = suggestCategory(parcel({ owner: '某公司' }), '2025-01-01', region);
    expect(suggestion.category).toBe('unclassified');
    expect(suggestion.undecided.map((m) => m.field)).toEqual(['approvalDate', 'supplyDate']);
  });

  it('supplied and completed with good indicators → not stock', () => {
    const suggestion = suggestCategory(
      parcel({
        supplyDate: '2020-01-01',
        actualStartDate: '2020-03-01',
        completionDate: '2021-01-01',
        parkLevel: 'national',
        floorAreaRatio: 2,
      }),
      '2025-01-01',
      region,
    );
    expect(suggestion).toMatchObject({ category: 'not-stock', stockAreaM2: 0, undecided: [] });
  });

  it('a supply dated after today has not happened: still 批而未征', () => {
    expect(
      suggestCategory(parcel({ approvalDate: '2024-01-01', supplyDate: '2025-06-01' }), '2025-01-01', region)
        .category,
    ).toBe('approved-not-expropriated');
  });

  it('counts the parcel area as stock unless a batch remainder applies', () => {
    const suggestion = suggestCategory(
      parcel({ supplyDate: '2020-01-01', agreedStartDate: '2020-06-01' }),
      '2025-01-01',
      region,
    );
    expect(suggestion.stockAreaM2).toBeCloseTo(10_000 / 1.5, 6);
  });
});

describe('rerunRules', () => {
  const base = { areaM2: 1000, status: 'confirmed' as const };
  const records = [
    {
      ...base,
      id: 'a',
      category: 'supplied-not-used' as const,
      facts: { supplyDate: '2022-01-01', agreedStartDate: '2023-03-01' },
    },
    {
      ...base,
      id: 'b',
      category: 'idle' as const,
      facts: { supplyDate: '2022-01-01', agreedStartDate: '2023-03-01' },
    },
    { ...base, id: 'c', category: 'idle' as const, facts: { supplyDate: '2022-01-01' } },
    {
      ...base,
      id: 'd',
      status: 'disposed' as const,
      category: 'approved-not-supplied' as const,
      facts: { approvalDate: '2020-01-01', supplyDate: '2021-01-01', agreedStartDate: '2021-06-01' },
    },
  ];

  it('proposes only decided changes, skipping disposed records and undecided suggestions', () => {
    const changes = rerunRules(records, '2024-03-02', region);
    expect(changes.map((change) => change.id)).toEqual(['a']);
    expect(changes[0]).toMatchObject({
      current: { category: 'supplied-not-used' },
      suggested: { category: 'idle' },
    });
  });

  it('proposes nothing the day before the records turn idle', () => {
    expect(rerunRules(records, '2024-03-01', region).map((change) => change.id)).toEqual(['b']);
  });
});
