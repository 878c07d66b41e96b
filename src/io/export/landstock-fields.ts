import type {
  Category,
  IdleCause,
  OverlayCheck,
  ParcelFacts,
  ParcelRecord,
  Status,
} from '../../domain/parcel';
import { CATEGORIES, CONTROL_ROLES, IDLE_CAUSES, STATUSES } from '../../domain/parcel';

/**
 * How our own fields travel in exported attributes, beside the original ones (GeoJSON properties),
 * so that a re-import can tell them apart and map them back:
 *
 * - every key of ours starts with `ls_` (`ls_category`, `ls_status`, `ls_area_m2`, …; facts as
 *   `ls_fact_<factKey>`, e.g. `ls_fact_approvalDate`); stable codes, plus `_zh` labels for people;
 * - an original attribute whose name itself starts with `ls_` is written as `ls_src.<name>` and
 *   restored on re-import, so nothing of the source can be mistaken for ours or overwritten.
 *
 * Attribute objects are built with `Object.create(null)` and `defineProperty`: hostile keys such
 * as `__proto__` or `constructor` stay plain own keys (RELIABILITY 16, 55).
 */
export const LANDSTOCK_PREFIX = 'ls_';
export const ESCAPED_SOURCE_PREFIX = 'ls_src.';

/** The record fields carried by an export, as read back by `splitExportedProperties`. */
export interface ExportedParcelFields {
  id?: string;
  layerId?: string;
  category?: Category;
  subType?: string;
  status?: Status;
  idleCause?: IdleCause;
  disposal?: ParcelRecord['disposal'];
  notes?: string;
  areaM2?: number;
  version?: number;
  updatedAt?: string;
  updatedBy?: string;
  overlay?: OverlayCheck[];
  facts: ParcelFacts;
}

/** Sets an own, enumerable, writable key: safe for `__proto__` and friends, unlike `obj[key] =`. */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A null-prototype attribute object (no inherited keys, no prototype to pollute). */
export function emptyAttributes(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** Copies the own enumerable keys of `source` into `target`, escaping names that start with `ls_`. */
export function copyOriginalAttributes(
  source: Record<string, unknown>,
  target: Record<string, unknown>,
): void {
  for (const key of Object.keys(source)) {
    const name = key.startsWith(LANDSTOCK_PREFIX) ? `${ESCAPED_SOURCE_PREFIX}${key}` : key;
    defineKey(target, name, source[key]);
  }
}

const has = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

const FACT_KEYS: ReadonlyArray<keyof ParcelFacts> = [
  'code',
  'owner',
  'location',
  'township',
  'landUse',
  'landUseCode',
  'approvalNumber',
  'approvalDate',
  'expropriationDate',
  'supplyDate',
  'agreedStartDate',
  'actualStartDate',
  'completionDate',
  'stopDate',
  'declaredAreaM2',
  'approvedAreaM2',
  'suppliedAreaM2',
  'totalInvestment',
  'investedAmount',
  'developedAreaM2',
  'floorAreaRatio',
  'floors',
  'adminFacilityAreaM2',
  'parkLevel',
  'industrial',
  'inefficientReason',
  'rural',
  'ruralStockType',
  'leftoverPlot',
  'keyProject',
  'courtSeized',
];

/** Every fact key, in a fixed order (exports write them in this order). */
export const EXPORTED_FACT_KEYS: readonly (keyof ParcelFacts)[] = FACT_KEYS;

function readOverlay(value: unknown): OverlayCheck[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const checks: OverlayCheck[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const role = (item as { role?: unknown }).role;
    const insideM2 = asNumber((item as { insideM2?: unknown }).insideM2);
    const verdict = asString((item as { verdict?: unknown }).verdict);
    if (!has(CONTROL_ROLES, role) || insideM2 === undefined || verdict === undefined) continue;
    const reason = asString((item as { reason?: unknown }).reason);
    checks.push(reason === undefined ? { role, insideM2, verdict } : { role, insideM2, verdict, reason });
  }
  return checks;
}

/**
 * Splits exported attributes back into the original attributes (null-prototype, `ls_src.` names
 * restored) and our fields (`undefined` when the feature carries none of ours). Values of the wrong
 * type or unknown codes are dropped from our fields, never guessed. Used by re-import and merge.
 */
export function splitExportedProperties(properties: Record<string, unknown>): {
  attributes: Record<string, unknown>;
  landstock: ExportedParcelFields | undefined;
} {
  const attributes = emptyAttributes();
  const ours = new Map<string, unknown>();
  for (const key of Object.keys(properties)) {
    const value = properties[key];
    if (key.startsWith(ESCAPED_SOURCE_PREFIX))
      defineKey(attributes, key.slice(ESCAPED_SOURCE_PREFIX.length), value);
    else if (key.startsWith(LANDSTOCK_PREFIX)) ours.set(key.slice(LANDSTOCK_PREFIX.length), value);
    else defineKey(attributes, key, value);
  }
  if (ours.size === 0) return { attributes, landstock: undefined };
  const facts: ParcelFacts = {};
  const factTarget = facts as Record<string, unknown>;
  for (const key of FACT_KEYS) {
    const value = ours.get(`fact_${key}`);
    if (typeof value === 'string' || typeof value === 'boolean' || asNumber(value) !== undefined) {
      factTarget[key] = value;
    }
  }
  const fields: ExportedParcelFields = { facts };
  const id = asString(ours.get('id'));
  if (id !== undefined) fields.id = id;
  const layerId = asString(ours.get('layer_id'));
  if (layerId !== undefined) fields.layerId = layerId;
  const category = ours.get('category');
  if (has(CATEGORIES, category)) fields.category = category;
  const subType = asString(ours.get('sub_type'));
  if (subType !== undefined) fields.subType = subType;
  const status = ours.get('status');
  if (has(STATUSES, status)) fields.status = status;
  const idleCause = ours.get('idle_cause');
  if (has(IDLE_CAUSES, idleCause)) fields.idleCause = idleCause;
  const method = asString(ours.get('disposal_method'));
  if (method !== undefined) {
    const date = asString(ours.get('disposal_date'));
    fields.disposal = date === undefined ? { method } : { method, date };
  }
  const notes = asString(ours.get('notes'));
  if (notes !== undefined) fields.notes = notes;
  const areaM2 = asNumber(ours.get('area_m2'));
  if (areaM2 !== undefined) fields.areaM2 = areaM2;
  const version = asNumber(ours.get('version'));
  if (version !== undefined) fields.version = version;
  const updatedAt = asString(ours.get('updated_at'));
  if (updatedAt !== undefined) fields.updatedAt = updatedAt;
  const updatedBy = asString(ours.get('updated_by'));
  if (updatedBy !== undefined) fields.updatedBy = updatedBy;
  const overlay = readOverlay(ours.get('overlay'));
  if (overlay !== undefined) fields.overlay = overlay;
  return { attributes, landstock: fields };
}
