import { describe, expect, it } from 'vitest';
import type { ParcelFacts } from '../parcel';
import { REGION_PRESETS } from '../regions';
import { muToSquareMetres } from '../units';
import { formatReason } from './format-reason';
import { inefficientLandRule } from './inefficient-land.rule';
import { projectSizeRule } from './project-size.rule';
import { suggestCategory } from './suggest-category';
import { parcel } from './test-helpers';

const region = REGION_PRESETS.default.thresholds;
const built: ParcelFacts = {
  supplyDate: '2020-01-01',
  agreedStartDate: '2020-06-01',
  actualStartDate: '2020-05-01',
  completionDate: '2021-12-01',
};

describe('floor-area ratio by park level (003 §3)', () => {
  const far = (parkLevel: ParcelFacts['parkLevel'], floorAreaRatio: number) =>
    inefficientLandRule(parcel({ parkLevel, floorAreaRatio }), region).kind;
  it('national park: 1.49 fails, exactly 1.5 passes', () => {
    expect(far('national', 1.49)).toBe('match');
    expect(far('national', 1.5)).toBe('no-match');
  });
  it('provincial park: 1.19 fails, exactly 1.2 passes', () => {
    expect(far('provincial', 1.19)).toBe('match');
    expect(far('provincial', 1.2)).toBe('no-match');
  });
  it('outside parks: no FAR minimum', () => expect(far('none', 0.3)).toBe('no-match'));
  it('reads as in the brief', () => {
    const suggestion = suggestCategory(
      parcel({ ...built, parkLevel: 'provincial', floorAreaRatio: 0.8 }),
      '2025-01-01',
      region,
    );
    expect(suggestion).toMatchObject({ category: 'inefficient', subType: 'below-indicators' });
    expect(formatReason(suggestion.reasons.at(-1) ?? { code: 'not-stock', params: {} }, 'zh-CN')).toBe(
      '容积率 0.8 < 1.2 (省级园区) → 低效用地指标不达标 (003 §3)',
    );
  });
});

describe('admin and living facilities ≤ 7 % of industrial land (004 §(十一))', () => {
  const admin = (share: number) =>
    inefficientLandRule(
      parcel({ industrial: true, adminFacilityAreaM2: 1000 * share }, { areaM2: 1000 }),
      region,
    ).kind;
  it('exactly 7 % passes, above fails', () => {
    expect(admin(0.07)).toBe('no-match');
    expect(admin(0.0701)).toBe('match');
  });
  it('only for industrial projects', () => {
    expect(inefficientLandRule(parcel({ adminFacilityAreaM2: 500 }, { areaM2: 1000 }), region).kind).toBe(
      'no-match',
    );
  });
});

describe('declared inefficiency', () => {
  it('keeps the declared sub-type; unknown codes become other', () => {
    expect(inefficientLandRule(parcel({ inefficientReason: 'zombie-enterprise' }), region)).toMatchObject({
      subType: 'zombie-enterprise',
    });
    expect(inefficientLandRule(parcel({ inefficientReason: '厂房破旧' }), region)).toMatchObject({
      subType: 'other',
    });
  });
  it('decides land with no approval or supply history', () => {
    const suggestion = suggestCategory(parcel({ inefficientReason: 'urban-renewal' }), '2025-01-01', region);
    expect(suggestion).toMatchObject({ category: 'inefficient', subType: 'urban-renewal' });
    expect(formatReason(suggestion.reasons[0] ?? { code: 'not-stock', params: {} }, 'zh-CN')).toBe(
      '低效原因：旧城镇、旧厂矿、城中村 → 低效用地 (003 §6; 004 §(十三))',
    );
  });
});

describe('project size flag (003 §3 以内; 004 §(十) 以上)', () => {
  const flag = (mu: number, preset: 'chenzhou' | 'ningxia', facts: ParcelFacts = { industrial: true }) =>
    projectSizeRule(parcel(facts, { areaM2: muToSquareMetres(mu) }), REGION_PRESETS[preset].thresholds);
  it('Chenzhou: exactly 100 亩 is within the cap, 100.01 亩 is over', () => {
    expect(flag(100, 'chenzhou')).toBeUndefined();
    expect(flag(100.01, 'chenzhou')).toMatchObject({ code: 'project-too-large', params: { operator: '>' } });
  });
  it('Ningxia: exactly 100 亩 already needs justification, 99.99 does not', () => {
    expect(flag(100, 'ningxia')).toMatchObject({
      code: 'project-too-large',
      params: { operator: '≥' },
      citation: '004 §(十)',
    });
    expect(flag(99.99, 'ningxia')).toBeUndefined();
  });
  it('key projects and non-industrial land are exempt', () => {
    expect(flag(200, 'chenzhou', { industrial: true, keyProject: true })).toBeUndefined();
    expect(flag(200, 'chenzhou', {})).toBeUndefined();
  });
  it('is a flag on any outcome, worded as in the brief', () => {
    const suggestion = suggestCategory(
      parcel({ ...built, industrial: true }, { areaM2: muToSquareMetres(135) }),
      '2025-01-01',
      REGION_PRESETS.chenzhou.thresholds,
    );
    expect(suggestion.category).toBe('not-stock');
    expect(formatReason(suggestion.reasons.at(-1) ?? { code: 'not-stock', params: {} }, 'zh-CN')).toBe(
      '项目用地 135 亩 > 100 亩 (003 §3)',
    );
  });
});
