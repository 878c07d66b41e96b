import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  isIsoDate,
  isLeapYear,
  parseIsoDate,
  toDayNumber,
  wholeYearsBetween,
} from './iso-date';

describe('iso dates', () => {
  it('knows leap years', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-4-1')).toBe(false);
    expect(isIsoDate('2023-04-31')).toBe(false);
    expect(isIsoDate(20230401)).toBe(false);
    expect(parseIsoDate('2023-03-01')).toEqual({ year: 2023, month: 3, day: 1 });
  });

  it('adds years, mapping 29 February to 28 February in common years (民法典 第二百零二条)', () => {
    expect(addYears('2023-03-01', 1)).toBe('2024-03-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2023-02-28', 1)).toBe('2024-02-28');
    expect(addYears('bad', 1)).toBeUndefined();
  });

  it('adds days across month, year and leap-day ends without time zones', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(toDayNumber('1970-01-02')).toBe(1);
  });

  it('counts whole years with the anniversary completing the year', () => {
    expect(wholeYearsBetween('2023-03-01', '2024-02-29')).toBe(0);
    expect(wholeYearsBetween('2023-03-01', '2024-03-01')).toBe(1);
    expect(wholeYearsBetween('2024-02-29', '2025-02-27')).toBe(0);
    expect(wholeYearsBetween('2024-02-29', '2025-02-28')).toBe(1);
    expect(wholeYearsBetween('2024-03-01', '2023-03-01')).toBe(0);
  });
});
