import { describe, expect, it } from 'vitest';
import { defaultRegion } from '../regions';
import { muToSquareMetres } from '../units';
import { approvalStageRule } from './approval-stage.rule';
import { formatReason } from './format-reason';
import { suggestCategory } from './suggest-category';
import { parcel } from './test-helpers';

const region = defaultRegion.thresholds;

describe('approval stage (批而未征 / 批而未供)', () => {
  it('approved, no expropriation, no supply → 批而未征', () => {
    const verdict = approvalStageRule(parcel({ approvalDate: '2023-06-01' }), '2024-01-01', region);
    expect(verdict).toMatchObject({ kind: 'match', category: 'approved-not-expropriated' });
  });

  describe('approval lapses after 2 years without expropriation (001 §三(一)四)', () => {
    const codes = (today: string) => {
      const verdict = approvalStageRule(parcel({ approvalDate: '2022-03-01' }), today, region);
      return verdict.reasons.map((reason) => reason.code);
    };
    it('not on the day before the second anniversary', () =>
      expect(codes('2024-02-29')).not.toContain('approval-lapsed'));
    it('not on the second anniversary (the last day of the period)', () =>
      expect(codes('2024-03-01')).not.toContain('approval-lapsed'));
    it('from the day after', () => expect(codes('2024-03-02')).toContain('approval-lapsed'));
    it('reads as in the brief', () => {
      const verdict = approvalStageRule(parcel({ approvalDate: '2022-03-01' }), '2024-03-02', region);
      const lapse = verdict.reasons.find((reason) => reason.code === 'approval-lapsed');
      expect(lapse && formatReason(lapse, 'zh-CN')).toBe(
        '批准满 2 年未实施征收 → 批准文件失效 (001 §三(一)四)',
      );
    });
    it('handles a 29 February approval (period ends 28 February)', () => {
      const lapsed = (today: string) =>
        approvalStageRule(parcel({ approvalDate: '2024-02-29' }), today, region).reasons.some(
          (reason) => reason.code === 'approval-lapsed',
        );
      expect(lapsed('2026-02-28')).toBe(false);
      expect(lapsed('2026-03-01')).toBe(true);
    });
  });

  it('expropriated, not supplied → 批而未供 of the approved area', () => {
    const verdict = approvalStageRule(
      parcel({ approvalDate: '2023-01-01', expropriationDate: '2023-05-01', approvedAreaM2: 20_000 }),
      '2024-01-01',
      region,
    );
    expect(verdict).toMatchObject({ kind: 'match', category: 'approved-not-supplied', stockAreaM2: 20_000 });
  });

  it('an expropriation dated after today has not happened yet', () => {
    const verdict = approvalStageRule(
      parcel({ approvalDate: '2023-01-01', expropriationDate: '2024-05-01' }),
      '2024-01-01',
      region,
    );
    expect(verdict).toMatchObject({ category: 'approved-not-expropriated' });
  });

  it('partly supplied: 批而未供面积 = 批准面积 − 已供面积', () => {
    const verdict = approvalStageRule(
      parcel({
        approvalDate: '2023-01-01',
        approvedAreaM2: muToSquareMetres(150),
        suppliedAreaM2: muToSquareMetres(60),
      }),
      '2024-01-01',
      region,
    );
    expect(verdict).toMatchObject({ kind: 'match', category: 'approved-not-supplied' });
    if (verdict.kind !== 'match') throw new Error('expected a match');
    expect(verdict.stockAreaM2).toBeCloseTo(muToSquareMetres(90), 6);
    expect(formatReason(verdict.reasons[0] ?? { code: 'not-stock', params: {} }, 'zh-CN')).toBe(
      '批准面积 150 亩 − 已供面积 60 亩 → 批而未供 90 亩 (000 §三(二); 003 §4)',
    );
  });

  it('fully supplied passes on to the post-supply rules', () => {
    expect(
      approvalStageRule(
        parcel({ approvalDate: '2023-01-01', approvedAreaM2: 100, suppliedAreaM2: 100 }),
        '2024-01-01',
        region,
      ),
    ).toEqual({ kind: 'no-match', reasons: [] });
    expect(
      approvalStageRule(
        parcel({ approvalDate: '2023-01-01', supplyDate: '2023-06-01' }),
        '2024-01-01',
        region,
      ),
    ).toEqual({
      kind: 'no-match',
      reasons: [],
    });
  });

  it('partly supplied without the approved area cannot decide', () => {
    const suggestion = suggestCategory(
      parcel({ approvalDate: '2023-01-01', suppliedAreaM2: 500 }),
      '2024-01-01',
      region,
    );
    expect(suggestion.category).toBe('unclassified');
    expect(suggestion.undecided).toEqual([{ field: 'approvedAreaM2', rule: 'approval-stage' }]);
  });
});
