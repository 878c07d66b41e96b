import type { ReasonCode } from '../labels';
import type { Category, IdleCause, ParcelFacts, ParcelRecord } from '../parcel';

/** What the rules read from a record. */
export type RuleInput = Pick<ParcelRecord, 'facts' | 'areaM2'> & Partial<Pick<ParcelRecord, 'idleCause'>>;

/** Values for a reason's message; dates as ISO strings, shares pre-formatted ("25%", "1/3"). */
export type ReasonParams = Readonly<Record<string, string | number>>;

/** One step of a rule's argument, with the policy section it rests on. */
export interface Reason {
  code: ReasonCode;
  /** The section cited, e.g. '闲置土地处置办法 第二条', '001 §三(一)四', '003 §3'. */
  citation?: string;
  params: ReasonParams;
}

/** A field the rules need but the record lacks. */
export type MissingField = keyof ParcelFacts | 'idleCause' | 'areaM2';

/** A missing fact and the rule that needed it. */
export interface Missing {
  field: MissingField;
  rule: RuleId;
}

export type RuleId =
  | 'rural-stock'
  | 'leftover-plot'
  | 'approval-stage'
  | 'idle-land'
  | 'idle-penalty'
  | 'inefficient-land'
  | 'project-size'
  | 'stock-land';

/**
 * The engine's answer. `category` is 'unclassified' when a missing fact blocks the decision; then
 * `undecided` says which facts are needed. A decided category may still list `undecided` facts that
 * its consequences need (e.g. the idle cause, which picks the disposal options).
 */
export interface Suggestion {
  category: Category;
  subType?: string;
  idleCause?: IdleCause;
  /** Area counted as stock land, m²: 批准 − 已供 for a partly supplied batch, else the parcel area. */
  stockAreaM2: number;
  reasons: Reason[];
  undecided: Missing[];
}

/** A single rule's verdict; rules never throw. */
export type RuleVerdict =
  | { kind: 'match'; category: Category; subType?: string; stockAreaM2?: number; reasons: Reason[] }
  | { kind: 'no-match'; reasons: Reason[] }
  | { kind: 'undecided'; missing: Missing[]; reasons: Reason[] };

/** Policy citations used by the rules, in one place so the wording stays the same everywhere. */
export const CITATIONS = {
  idleDefinition: '闲置土地处置办法 第二条',
  idleGovernment: '闲置土地处置办法 第八条、第十二条; 003 §5',
  idleFee: '闲置土地处置办法 第十四条',
  idleFreeRecovery: '闲置土地处置办法 第十四条; 001 §三(三)二.3',
  idleCourtSeized: '001 §三(三)二.3',
  approvalLapse: '001 §三(一)四',
  approvedNotExpropriated: '001 §三(一)三; 000 §三(二)',
  approvedNotSupplied: '000 §三(二); 003 §4',
  floorAreaRatio: '003 §3',
  adminShare: '004 §(十一)',
  projectSizeChenzhou: '003 §3',
  projectSizeNingxia: '004 §(十)',
  inefficient: '003 §6; 004 §(十三)',
  rural: '003 §8',
  leftover: '003 §9',
} as const;

/** Formats a share for a message: "31.25%". */
export function formatShare(part: number, whole: number): string {
  return `${roundTo(whole === 0 ? 0 : (part / whole) * 100, 2)}%`;
}

/** Rounds half away from zero to `digits` decimals (for messages and 亩 at reporting precision). */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
}
