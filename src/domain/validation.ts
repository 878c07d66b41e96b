import { isDisposalAllowed } from './disposal';
import { fillTemplate, type Locale, label, labels, type RecordField, type ValidationCode } from './labels';
import {
  type Category,
  type Disposal,
  INEFFICIENT_TYPES,
  PARK_LEVELS,
  type ParcelFacts,
  RURAL_STOCK_TYPES,
} from './parcel';
import { isIsoDate } from './rules/iso-date';

/** A field an inline error can sit on. */
export type ValidatedField = keyof ParcelFacts | RecordField;

/** One inline form error: the field, a stable code, and the values its message needs. */
export interface FieldError {
  field: ValidatedField;
  code: ValidationCode;
  /** Another field the error refers to (the earlier date, the total …). */
  other?: ValidatedField;
  params: Readonly<Record<string, string | number>>;
}

/** The record fields an edit form holds, after the patch is applied. Values may still be raw form input. */
export interface EditCandidate {
  facts: ParcelFacts;
  areaM2: number;
  category?: Category;
  disposal?: Disposal;
}

const DATE_FIELDS = [
  'approvalDate',
  'expropriationDate',
  'supplyDate',
  'agreedStartDate',
  'actualStartDate',
  'completionDate',
  'stopDate',
] as const satisfies readonly (keyof ParcelFacts)[];

const AMOUNT_FIELDS = [
  'declaredAreaM2',
  'approvedAreaM2',
  'suppliedAreaM2',
  'totalInvestment',
  'investedAmount',
  'developedAreaM2',
  'floorAreaRatio',
  'floors',
  'adminFacilityAreaM2',
] as const satisfies readonly (keyof ParcelFacts)[];

/** Date order: [later, earlier] — the first may not be before the second. */
const DATE_ORDER: ReadonlyArray<readonly [keyof ParcelFacts, keyof ParcelFacts]> = [
  ['expropriationDate', 'approvalDate'],
  ['supplyDate', 'approvalDate'],
  ['agreedStartDate', 'supplyDate'],
  ['completionDate', 'actualStartDate'],
  ['stopDate', 'actualStartDate'],
];

/** The largest floor-area ratio accepted: above it the value is a typing error, not a building. */
export const MAX_FLOOR_AREA_RATIO = 20;

const codes = (list: readonly string[]) => new Set<unknown>(list);
const KNOWN_CODES: ReadonlyArray<readonly [keyof ParcelFacts, ReadonlySet<unknown>]> = [
  ['parkLevel', codes(PARK_LEVELS)],
  ['inefficientReason', codes(INEFFICIENT_TYPES)],
  ['ruralStockType', codes(RURAL_STOCK_TYPES)],
];

/**
 * Validates an edit of a parcel's facts and our fields before it is saved, for inline errors in the
 * inspector and for bulk edits. Returns every error (an empty list when the edit is fine); never
 * throws. Empty values are allowed everywhere: a missing fact is "unknown", which the rules handle.
 */
export function validateParcelEdit(candidate: EditCandidate): FieldError[] {
  const errors: FieldError[] = [];
  const facts = candidate.facts as Readonly<Record<string, unknown>>;
  const badFields = new Set<string>();

  for (const field of DATE_FIELDS) {
    const value = facts[field];
    if (value !== undefined && !isIsoDate(value)) {
      errors.push({ field, code: 'not-a-date', params: { value: String(value) } });
      badFields.add(field);
    }
  }
  for (const field of AMOUNT_FIELDS) {
    const value = facts[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push({ field, code: 'not-a-number', params: { value: String(value) } });
      badFields.add(field);
    } else if (value < 0) {
      errors.push({ field, code: 'negative', params: { value } });
      badFields.add(field);
    }
  }
  const usable = (field: string): boolean => facts[field] !== undefined && !badFields.has(field);

  for (const [later, earlier] of DATE_ORDER) {
    if (!usable(later) || !usable(earlier)) continue;
    const otherValue = facts[earlier] as string;
    if ((facts[later] as string) < otherValue) {
      errors.push({ field: later, code: 'date-before', other: earlier, params: { otherValue } });
    }
  }

  const notAbove = (field: keyof ParcelFacts, other: ValidatedField, limit: number | undefined) => {
    if (!usable(field) || limit === undefined) return;
    if ((facts[field] as number) > limit)
      errors.push({ field, code: 'exceeds', other, params: { otherValue: limit } });
  };
  notAbove(
    'investedAmount',
    'totalInvestment',
    usable('totalInvestment') ? (facts.totalInvestment as number) : undefined,
  );
  notAbove(
    'suppliedAreaM2',
    'approvedAreaM2',
    usable('approvedAreaM2') ? (facts.approvedAreaM2 as number) : undefined,
  );
  const area = candidate.areaM2 > 0 ? candidate.areaM2 : undefined;
  notAbove('developedAreaM2', 'areaM2', area);
  notAbove('adminFacilityAreaM2', 'areaM2', area);

  if (usable('floorAreaRatio') && (facts.floorAreaRatio as number) > MAX_FLOOR_AREA_RATIO) {
    errors.push({
      field: 'floorAreaRatio',
      code: 'out-of-range',
      params: { minimum: 0, maximum: MAX_FLOOR_AREA_RATIO },
    });
  }
  if (usable('floors') && !Number.isInteger(facts.floors)) {
    errors.push({ field: 'floors', code: 'not-an-integer', params: { value: facts.floors as number } });
  }
  for (const [field, known] of KNOWN_CODES) {
    const value = facts[field];
    if (value !== undefined && value !== '' && !known.has(value)) {
      errors.push({ field, code: 'unknown-code', params: { value: String(value) } });
    }
  }

  const disposal = candidate.disposal;
  if (disposal !== undefined) {
    if (candidate.category !== undefined && !isDisposalAllowed(candidate.category, disposal.method)) {
      errors.push({
        field: 'disposalMethod',
        code: 'disposal-not-allowed',
        params: { value: disposal.method, category: candidate.category },
      });
    }
    if (disposal.date !== undefined && !isIsoDate(disposal.date)) {
      errors.push({ field: 'disposalDate', code: 'not-a-date', params: { value: String(disposal.date) } });
    }
  }
  return errors;
}

const fieldLabel = (locale: Locale, field: ValidatedField): string =>
  field in labels[locale].factField ? label(locale, 'factField', field) : label(locale, 'recordField', field);

/** The message of one error, e.g. "供地日期不能早于批准日期（2023-05-01）". */
export function formatFieldError(error: FieldError, locale: Locale): string {
  const params: Record<string, string | number> = { ...error.params, field: fieldLabel(locale, error.field) };
  if (error.other !== undefined) params.other = fieldLabel(locale, error.other);
  if (typeof error.params.category === 'string')
    params.category = label(locale, 'category', error.params.category);
  if (typeof error.params.value === 'string' && error.code === 'disposal-not-allowed') {
    params.value = label(locale, 'disposalMethod', error.params.value);
  }
  return fillTemplate(labels[locale].validation[error.code], params);
}

/** Errors keyed by field (first error per field), for a form that shows one message per input. */
export function errorsByField(errors: readonly FieldError[]): Partial<Record<ValidatedField, FieldError>> {
  const byField: Partial<Record<ValidatedField, FieldError>> = {};
  for (const error of errors) if (byField[error.field] === undefined) byField[error.field] = error;
  return byField;
}
