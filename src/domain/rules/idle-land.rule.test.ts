import { describe, expect, it } from 'vitest';
import type { IdleCause, ParcelFacts } from '../parcel';
import { defaultRegion } from '../regions';
import { formatReason, formatUndecided } from './format-reason';
import { suggestCategory } from './suggest-category';
import { parcel } from './test-helpers';

const region = defaultRegion.thresholds;
const supplied: ParcelFacts = { supplyDate: '2022-01-10', agreedStartDate: '2023-03-01' };
const suggest = (facts: ParcelFacts, today: string, idleCause?: IdleCause) =>
  suggestCategory(parcel(facts, idleCause === undefined ? {} : { idleCause }), today, region);

describe('idle land (a): not started more than 1 year after the agreed start (闲置土地处置办法 第二条)', () => {
  it('1 year minus a day → 供而未用', () =>
    expect(suggest(supplied, '2024-02-29').category).toBe('supplied-not-used'));
  it('exactly 1 year (the anniversary) → still 供而未用: "超过 … 满一年" starts the day after', () =>
    expect(suggest(supplied, '2024-03-01').category).toBe('supplied-not-used'));
  it('1 year plus a day → 闲置土地', () => expect(suggest(supplied, '2024-03-02').category).toBe('idle'));
  it('29 February agreed start: anniversary is 28 February in a common year', () => {
    const facts = { supplyDate: '2023-01-01', agreedStartDate: '2024-02-29' };
    expect(suggest(facts, '2025-02-28').category).toBe('supplied-not-used');
    expect(suggest(facts, '2025-03-01').category).toBe('idle');
  });
  it('before the agreed date → 供而未用', () =>
    expect(suggest(supplied, '2023-01-01').category).toBe('supplied-not-used'));

  it('renders the reason as in the brief', () => {
    const suggestion = suggest(supplied, '2024-03-02', 'enterprise');
    expect(suggestion.reasons.map((reason) => formatReason(reason, 'zh-CN'))).toEqual([
      '约定动工日期 2023-03-01 已满 1 年未动工 → 闲置土地 (闲置土地处置办法 第二条)',
      '企业原因闲置满 1 年 → 征缴土地闲置费（土地价款的 20%） (闲置土地处置办法 第十四条)',
    ]);
    expect(formatReason(suggestion.reasons[0] ?? { code: 'not-stock', params: {} }, 'en')).toBe(
      'Not started more than 1 year(s) after agreed start date 2023-03-01 → idle land (闲置土地处置办法 第二条)',
    );
  });

  it('a missing agreed start date cannot decide', () => {
    const suggestion = suggest({ supplyDate: '2022-01-10' }, '2024-03-02');
    expect(suggestion.category).toBe('unclassified');
    expect(suggestion.undecided).toEqual([{ field: 'agreedStartDate', rule: 'idle-land' }]);
    expect(formatUndecided(suggestion.undecided, 'en')).toBe('cannot decide: needs agreed start date');
    expect(formatUndecided(suggestion.undecided, 'zh-CN')).toBe('无法判定：缺少 约定动工日期');
  });

  it('a start dated after today has not happened', () => {
    expect(suggest({ ...supplied, actualStartDate: '2024-06-01' }, '2024-03-02').category).toBe('idle');
  });
});

describe('idle penalties by cause (闲置土地处置办法 第十四条, 第十二条)', () => {
  const codes = (today: string, cause?: IdleCause, extra: ParcelFacts = {}) =>
    suggest({ ...supplied, ...extra }, today, cause).reasons.map((reason) => reason.code);
  it('企业原因 idle → 闲置费 20 %, not yet recovery', () => {
    expect(codes('2024-03-02', 'enterprise')).toEqual(['idle-not-started', 'idle-fee']);
  });
  it('企业原因: exactly 2 years past the agreed start is not yet 满两年 under "超过"; the day after is', () => {
    expect(codes('2025-03-01', 'enterprise')).not.toContain('idle-free-recovery');
    expect(codes('2025-03-02', 'enterprise')).toContain('idle-free-recovery');
    const recovery = suggest(supplied, '2025-03-02', 'enterprise').reasons.find(
      (r) => r.code === 'idle-free-recovery',
    );
    expect(recovery && formatReason(recovery, 'zh-CN')).toBe(
      '企业原因闲置满 2 年 → 可依法无偿收回 (闲置土地处置办法 第十四条; 001 §三(三)二.3)',
    );
  });
  it('企业原因 with a court seizure → recovery needs the court (001 §三(三)二.3)', () => {
    expect(codes('2025-03-02', 'enterprise', { courtSeized: true })).toContain('idle-court-seized');
  });
  it('政府原因 → the government-side options, no fee', () => {
    expect(codes('2025-03-02', 'government')).toEqual(['idle-not-started', 'idle-government']);
  });
  it('unknown cause → idle, with the cause listed as needed', () => {
    const suggestion = suggest(supplied, '2024-03-02');
    expect(suggestion.category).toBe('idle');
    expect(suggestion.undecided).toEqual([{ field: 'idleCause', rule: 'idle-penalty' }]);
    expect(suggestion.idleCause).toBeUndefined();
    expect(suggest(supplied, '2024-03-02', 'government').idleCause).toBe('government');
  });
});

describe('idle land (b): started, too little developed or invested, stopped ≥ 1 year', () => {
  // Parcel 6,666.67 m² (10 亩); total investment 1,000 万元.
  const stopped = (developedAreaM2: number, investedAmount: number): ParcelFacts => ({
    ...supplied,
    actualStartDate: '2023-02-01',
    stopDate: '2023-06-15',
    developedAreaM2,
    totalInvestment: 1000,
    investedAmount,
  });
  const third = 10_000 / 1.5 / 3;

  it('investment exactly 25 % and developed exactly 1/3 → not idle ("不足" is strictly below)', () => {
    expect(suggest(stopped(third, 250), '2025-01-01').category).toBe('not-stock');
  });
  it('investment just below 25 % → idle', () => {
    expect(suggest(stopped(third, 249.99), '2025-01-01').category).toBe('idle');
  });
  it('developed just below 1/3 → idle', () => {
    expect(suggest(stopped(third - 0.01, 250), '2025-01-01').category).toBe('idle');
  });
  it('stopped: 1 year minus a day → not yet; exactly 1 year (满一年) → idle', () => {
    expect(suggest(stopped(100, 100), '2024-06-14').reasons.map((r) => r.code)).toContain(
      'stopped-not-yet-idle',
    );
    expect(suggest(stopped(100, 100), '2024-06-14').category).toBe('not-stock');
    expect(suggest(stopped(100, 100), '2024-06-15').category).toBe('idle');
  });
  it('explains with the shares', () => {
    const suggestion = suggest(stopped(1000, 100), '2024-06-15', 'government');
    expect(suggestion.reasons.map((reason) => formatReason(reason, 'zh-CN'))).toEqual([
      '已开发面积占比 15% < 1/3 (闲置土地处置办法 第二条)',
      '已投资额占比 10% < 25% (闲置土地处置办法 第二条)',
      '停工日期 2023-06-15 起中止开发建设满 1 年 → 闲置土地 (闲置土地处置办法 第二条)',
      '政府原因闲置 → 可延长动工期限、调整用途或规划条件、临时使用、协议有偿收回、置换土地 (闲置土地处置办法 第八条、第十二条; 003 §5)',
    ]);
  });
  it('missing investment with enough development cannot decide', () => {
    const facts: ParcelFacts = {
      ...supplied,
      actualStartDate: '2023-02-01',
      stopDate: '2023-06-15',
      developedAreaM2: 5000,
    };
    const suggestion = suggest(facts, '2025-01-01');
    expect(suggestion.category).toBe('unclassified');
    expect(suggestion.undecided.map((m) => m.field)).toEqual(['totalInvestment', 'investedAmount']);
  });
  it('one low share decides even when the other is missing', () => {
    const facts: ParcelFacts = {
      ...supplied,
      actualStartDate: '2023-02-01',
      stopDate: '2023-06-15',
      developedAreaM2: 10,
    };
    expect(suggest(facts, '2025-01-01').category).toBe('idle');
  });
  it('under construction without a stop → not stock', () => {
    expect(suggest({ ...supplied, actualStartDate: '2023-02-01' }, '2025-01-01').category).toBe('not-stock');
  });
  it('completed → not stock', () => {
    const suggestion = suggest(
      { ...supplied, actualStartDate: '2023-02-01', completionDate: '2024-02-01' },
      '2025-01-01',
    );
    expect(suggestion.category).toBe('not-stock');
    expect(suggestion.reasons.map((r) => r.code)).toEqual(['completed', 'not-stock']);
  });
});
