import { describe, expect, it } from 'vitest';
import {
  defaultRegion,
  formatRatio,
  isAboveRatio,
  isBelowRatio,
  percent,
  REGION_PRESETS,
  ratioValue,
  regionPreset,
} from './regions';

describe('ratios', () => {
  it('decides exact boundaries by cross-multiplication', () => {
    expect(isBelowRatio(1000, 3000, { numerator: 1, denominator: 3 })).toBe(false);
    expect(isBelowRatio(999.99, 3000, { numerator: 1, denominator: 3 })).toBe(true);
    expect(isBelowRatio(250, 1000, percent(25))).toBe(false);
    expect(isAboveRatio(70, 1000, percent(7))).toBe(false);
    expect(isAboveRatio(70.01, 1000, percent(7))).toBe(true);
  });
  it('treats float noise at the boundary as equal', () => {
    const area = 10_000 / 1.5;
    expect(isBelowRatio(area / 3, area, { numerator: 1, denominator: 3 })).toBe(false);
  });
  it('formats and converts', () => {
    expect(formatRatio(percent(25))).toBe('25%');
    expect(formatRatio({ numerator: 1, denominator: 3 })).toBe('1/3');
    expect(ratioValue(percent(18))).toBe(0.18);
  });
});

describe('region presets', () => {
  it('carries the targets of the texts', () => {
    expect(REGION_PRESETS.guangxi.targets.approvedNotSuppliedDisposalRate).toEqual(percent(18));
    expect(REGION_PRESETS.guangxi.targets.idleDisposalRate).toEqual(percent(25));
    expect(REGION_PRESETS.chenzhou.targets.approvedNotSuppliedDisposalRate).toEqual(percent(60));
    expect(defaultRegion.targets.fiveYearSupplyRate).toEqual(percent(66));
    expect(defaultRegion.targets.fiveYearSupplyRateMidYear).toEqual(percent(60));
    expect(defaultRegion.targets.quarterlyProgress.map(ratioValue)).toEqual([0.15, 0.4, 0.75, 1]);
  });
  it('carries the thresholds of the texts', () => {
    expect(defaultRegion.thresholds.minFloorAreaRatio).toEqual({ national: 1.5, provincial: 1.2 });
    expect(REGION_PRESETS.ningxia.thresholds.projectMuLimitInclusive).toBe(true);
    expect(REGION_PRESETS.chenzhou.thresholds.projectMuLimitInclusive).toBe(false);
    expect(defaultRegion.thresholds.maxAdminFacilityShare).toEqual(percent(7));
  });
  it('falls back to the default for unknown ids', () => {
    expect(regionPreset('atlantis')).toBe(defaultRegion);
    expect(regionPreset('ningxia').id).toBe('ningxia');
  });
});
