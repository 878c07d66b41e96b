import type { ChangeEntry } from '../../domain/change-entry';
import type { ParcelRecord } from '../../domain/parcel';
import { changeKey } from './backup.format';
import { EXPORTED_FACT_KEYS } from './landstock-fields';

/** A field both sides changed differently since their common history: the user decides. */
export interface MergeConflict {
  parcelId: string;
  /** Dotted field path as in the change log: 'status', 'facts.approvalDate', 'geometry' … */
  field: string;
  localValue: unknown;
  incomingValue: unknown;
  /** Time of the latest change of the field on each side (change log, else the record's updatedAt). */
  localAt: string;
  incomingAt: string;
  /** The value the merged record holds until the user decides: the newer one (local on a tie). */
  chosen: 'local' | 'incoming';
  /**
   * 'both-changed': each change log has its own change of the field since the common history.
   * 'no-history': the values differ but neither log explains it (e.g. merging a plain export);
   * the newer record won by updatedAt, and the other value is listed rather than dropped.
   */
  kind: 'both-changed' | 'no-history';
}

export interface MergeResult {
  /** Local parcels (merged where the incoming side had news) followed by the added ones. */
  merged: ParcelRecord[];
  /** Ids of incoming parcels this browser did not have. */
  added: string[];
  /** Ids of local parcels whose merged record differs from the local one. */
  updated: string[];
  conflicts: MergeConflict[];
  /** Incoming change entries this browser does not have (without ids: the database assigns them). */
  changesToAdd: ChangeEntry[];
}

/** The fields merged one by one; derived values travel with their source (areaM2 and overlay with geometry). */
const FIELDS: readonly string[] = [
  'geometry',
  'category',
  'subType',
  'status',
  'idleCause',
  'disposal',
  'notes',
  'source.properties',
  ...EXPORTED_FACT_KEYS.map((key) => `facts.${key}`),
];

function read(record: ParcelRecord, field: string): unknown {
  if (field.startsWith('facts.')) return (record.facts as Record<string, unknown>)[field.slice(6)];
  if (field === 'source.properties') return record.source.properties;
  return (record as unknown as Record<string, unknown>)[field];
}

/** Structural equality of JSON-like values (own keys only, order-insensitive for objects). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.hasOwn(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Which merged field a change-log path belongs to ('disposal.method' → 'disposal', 'areaM2' → 'geometry'). */
function fieldOf(path: string): string {
  if (path === 'areaM2' || path === 'overlay' || path.startsWith('geometry')) return 'geometry';
  if (path.startsWith('disposal')) return 'disposal';
  if (path.startsWith('source.properties')) return 'source.properties';
  return path;
}

/** Latest time per parcel and field among changes not shared with the other side. */
function ownChanges(changes: readonly ChangeEntry[], shared: ReadonlySet<string>): Map<string, string> {
  const latest = new Map<string, string>();
  for (const change of changes) {
    if (shared.has(changeKey(change))) continue;
    const key = `${change.parcelId}\u0000${fieldOf(change.field)}`;
    const before = latest.get(key);
    if (before === undefined || Date.parse(change.at) > Date.parse(before)) latest.set(key, change.at);
  }
  return latest;
}

const newer = (a: string, b: string): boolean => Date.parse(a) > Date.parse(b);

/**
 * Merges another inspector's parcels (from a backup or an export) into ours, per field:
 *
 * 1. The common history is the set of change entries present in both logs (same parcel, time,
 *    field, batch and author); every other entry is a change made on one side only.
 * 2. Parcels only on the incoming side are added; parcels only here are kept as they are.
 * 3. For a parcel on both sides, each field (geometry with its area and overlay, category, status,
 *    …, each fact, the imported attributes as one field) is compared. Equal values stay. If only
 *    one side changed the field since the common history, that side's value is taken. If both did,
 *    the newer change wins for now and the field is listed as a conflict ('both-changed'). If
 *    neither log explains the difference, the record with the newer updatedAt wins and the field
 *    is listed too ('no-history'). So a value that loses is always either older news the other
 *    side replaced knowingly, or listed for the user to decide: nothing is dropped silently.
 * 4. A merged record that differs from ours gets version = max(both) + 1, updatedAt = the later
 *    of both, updatedBy 'merge'; incoming-only change entries are returned to append to the log.
 * Pure: neither input is modified.
 */
export function mergeParcels(
  local: readonly ParcelRecord[],
  incoming: readonly ParcelRecord[],
  localChanges: readonly ChangeEntry[],
  incomingChanges: readonly ChangeEntry[],
): MergeResult {
  const localKeys = new Set(localChanges.map(changeKey));
  const incomingKeys = new Set(incomingChanges.map(changeKey));
  const shared = new Set([...localKeys].filter((k) => incomingKeys.has(k)));
  const localLatest = ownChanges(localChanges, shared);
  const incomingLatest = ownChanges(incomingChanges, shared);
  const incomingById = new Map(incoming.map((p) => [p.id, p]));
  const localIds = new Set(local.map((p) => p.id));
  const result: MergeResult = { merged: [], added: [], updated: [], conflicts: [], changesToAdd: [] };

  for (const mine of local) {
    const theirs = incomingById.get(mine.id);
    if (!theirs) {
      result.merged.push(mine);
      continue;
    }
    const take = new Set<string>();
    for (const field of FIELDS) {
      const localValue = read(mine, field);
      const incomingValue = read(theirs, field);
      if (same(localValue, incomingValue)) continue;
      const localAt = localLatest.get(`${mine.id}\u0000${field}`);
      const incomingAt = incomingLatest.get(`${mine.id}\u0000${field}`);
      if (incomingAt !== undefined && localAt === undefined) take.add(field);
      else if (localAt !== undefined && incomingAt === undefined) continue;
      else {
        const kind = localAt !== undefined ? 'both-changed' : 'no-history';
        const la = localAt ?? mine.updatedAt;
        const ia = incomingAt ?? theirs.updatedAt;
        const chosen = newer(ia, la) ? 'incoming' : 'local';
        if (chosen === 'incoming') take.add(field);
        result.conflicts.push({
          parcelId: mine.id,
          field,
          localValue,
          incomingValue,
          localAt: la,
          incomingAt: ia,
          chosen,
          kind,
        });
      }
    }
    if (take.size === 0) {
      result.merged.push(mine);
      continue;
    }
    const merged: ParcelRecord = {
      ...mine,
      facts: { ...mine.facts },
      version: Math.max(mine.version, theirs.version) + 1,
      updatedAt: newer(theirs.updatedAt, mine.updatedAt) ? theirs.updatedAt : mine.updatedAt,
      updatedBy: 'merge',
    };
    const target = merged as unknown as Record<string, unknown>;
    const facts = merged.facts as Record<string, unknown>;
    for (const field of take) {
      if (field.startsWith('facts.')) {
        // Fact keys come from the fixed list, so this assignment cannot reach a prototype.
        const key = field.slice(6);
        if (theirs.facts[key as keyof ParcelRecord['facts']] === undefined) delete facts[key];
        else facts[key] = (theirs.facts as Record<string, unknown>)[key];
      } else if (field === 'source.properties') merged.source = theirs.source;
      else if (field === 'geometry') {
        merged.geometry = theirs.geometry;
        merged.areaM2 = theirs.areaM2;
        if (theirs.overlay === undefined) delete merged.overlay;
        else merged.overlay = theirs.overlay;
      } else if (read(theirs, field) === undefined) delete target[field];
      else target[field] = read(theirs, field);
    }
    result.merged.push(merged);
    result.updated.push(mine.id);
  }
  for (const theirs of incoming) {
    if (localIds.has(theirs.id)) continue;
    result.merged.push(theirs);
    result.added.push(theirs.id);
  }
  for (const change of incomingChanges) {
    if (localKeys.has(changeKey(change))) continue;
    const { id: _id, ...entry } = change;
    result.changesToAdd.push(entry);
  }
  return result;
}
