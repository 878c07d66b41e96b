import type { IsoDate } from '../parcel';

/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) for the rules. Dates are calendar days with no time
 * and no time zone: a date typed in Beijing must not move a day when read in UTC, so nothing here
 * goes through `Date` with local time. Valid ISO dates compare correctly as strings, which keeps the
 * rules cheap over 100k parcels.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Splits a valid ISO date into numbers; undefined for anything else (including 2023-02-29). */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** Whether a string is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== undefined;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Formats numbers as an ISO date (no validation; callers pass a real date). */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The same calendar day `years` later. A 29 February start maps to 28 February in a common year:
 * 民法典 第二百零二条 ends a period counted in years on the corresponding day of the last month and,
 * when there is none, on the last day of that month. Returns undefined for an invalid date.
 */
export function addYears(date: IsoDate, years: number): IsoDate | undefined {
  const parts = parseIsoDate(date);
  if (parts === undefined) return undefined;
  const year = parts.year + years;
  return formatIsoDate(year, parts.month, Math.min(parts.day, daysInMonth(year, parts.month)));
}

/** Days since 1970-01-01 (UTC calendar), for differences in days; undefined for an invalid date. */
export function toDayNumber(date: IsoDate): number | undefined {
  const parts = parseIsoDate(date);
  if (parts === undefined) return undefined;
  return Date.UTC(parts.year, parts.month - 1, parts.day) / 86_400_000;
}

/** Inverse of toDayNumber. */
export function fromDayNumber(dayNumber: number): IsoDate {
  const date = new Date(dayNumber * 86_400_000);
  return formatIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The date `days` days after `date` (negative goes back); undefined for an invalid date. */
export function addDays(date: IsoDate, days: number): IsoDate | undefined {
  const dayNumber = toDayNumber(date);
  return dayNumber === undefined ? undefined : fromDayNumber(dayNumber + days);
}

/**
 * Whole years from `from` to `to`: the largest n with addYears(from, n) ≤ to (0 when `to` is
 * earlier). The anniversary day itself completes the year.
 */
export function wholeYearsBetween(from: IsoDate, to: IsoDate): number {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (start === undefined || end === undefined || to < from) return 0;
  let years = end.year - start.year;
  const anniversary = addYears(from, years);
  if (anniversary !== undefined && anniversary > to) years -= 1;
  return years;
}
