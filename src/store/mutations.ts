import type { ParcelWrite } from '../db/repositories';
import type { ChangeEntry } from '../domain/change-entry';
import { transition } from '../domain/lifecycle';
import type { ParcelFacts, ParcelRecord } from '../domain/parcel';
import { type FieldError, validateParcelEdit } from '../domain/validation';
import { AppError } from '../shared/errors';
import { diffRecords, type FieldDiff, type ParcelPatch } from './parcel-patch';

/** One parcel's part of an undoable action: the patches that lead back and forth. */
export interface UndoStep {
  id: string;
  before: ParcelPatch;
  after: ParcelPatch;
}

export interface PreparedEdits {
  writes: ParcelWrite[];
  changes: ChangeEntry[];
  records: ParcelRecord[];
  undo: UndoStep[];
}

/** A validation failure carrying every field error, for inline form messages. */
export class EditRejected extends AppError {
  readonly fieldErrors: FieldError[];
  constructor(parcelId: string, fieldErrors: FieldError[]) {
    super('validation', `Parcel ${parcelId}: ${fieldErrors.map((e) => `${e.field} ${e.code}`).join(', ')}`, {
      parcelId,
    });
    this.fieldErrors = fieldErrors;
  }
}

/** The patch that sets the given fields back to the values in `diffs` (old or new side). */
function patchFrom(diffs: FieldDiff[], side: 'oldValue' | 'newValue'): ParcelPatch {
  const patch: Record<string, unknown> = {};
  const facts: Record<string, unknown> = {};
  for (const diff of diffs) {
    if (diff.field.startsWith('facts.')) facts[diff.field.slice(6)] = diff[side];
    else patch[diff.field] = diff[side];
  }
  if (Object.keys(facts).length > 0) patch.facts = facts as Partial<ParcelFacts>;
  return patch as ParcelPatch;
}

function apply(record: ParcelRecord, patch: ParcelPatch): ParcelRecord {
  const next: ParcelRecord = { ...record, ...patch, facts: record.facts };
  if (patch.facts) {
    const facts: ParcelFacts = { ...record.facts };
    for (const [key, value] of Object.entries(patch.facts) as [keyof ParcelFacts, unknown][]) {
      // An emptied field is removed, not stored as '' (rules read a missing fact as unknown).
      if (value === undefined || value === '' || value === null) delete facts[key];
      else (facts as Record<string, unknown>)[key] = value;
    }
    next.facts = facts;
  }
  for (const key of ['subType', 'idleCause', 'disposal', 'notes'] as const) {
    if (key in patch && (patch[key] === undefined || patch[key] === '')) delete next[key];
  }
  return next;
}

/**
 * Builds the writes of one user action over one or more parcels: applies each patch, checks the
 * status lifecycle and the field rules for the fields the patch touches (imported data that was
 * already inconsistent does not block unrelated edits), and produces one change-log entry per
 * changed field, all sharing the action's batch id.
 */
export function prepareEdits(
  current: ParcelRecord[],
  patches: ReadonlyMap<string, ParcelPatch>,
  context: { reason?: string; who: string; now: string; batch: string; restoring?: boolean },
): PreparedEdits {
  const prepared: PreparedEdits = { writes: [], changes: [], records: [], undo: [] };
  for (const record of current) {
    const patch = patches.get(record.id);
    if (!patch) continue;
    const candidate = apply(record, patch);
    // Undo/redo restore a state the record really had: the lifecycle was checked when it was made.
    if (!context.restoring && patch.status !== undefined && patch.status !== record.status) {
      const result = transition(record.status, patch.status, context.reason);
      if (!result.ok) {
        throw new AppError(
          'transition-not-allowed',
          `${record.status} → ${patch.status}: ${result.error.code}`,
          {
            parcelId: record.id,
            code: result.error.code,
          },
        );
      }
    }
    const touched = new Set<string>([...Object.keys(patch), ...Object.keys(patch.facts ?? {})]);
    const errors = validateParcelEdit(candidate).filter(
      (e) => touched.has(e.field) || (e.other !== undefined && touched.has(e.other)),
    );
    if (errors.length > 0) throw new EditRejected(record.id, errors);
    const diffs = diffRecords(record, candidate);
    if (diffs.length === 0) continue;
    const next: ParcelRecord = {
      ...candidate,
      version: record.version + 1,
      updatedAt: context.now,
      updatedBy: context.who,
    };
    prepared.writes.push({ record: next, expectedVersion: record.version });
    prepared.records.push(next);
    prepared.undo.push({
      id: record.id,
      before: patchFrom(diffs, 'oldValue'),
      after: patchFrom(diffs, 'newValue'),
    });
    for (const diff of diffs) {
      prepared.changes.push({
        parcelId: record.id,
        at: context.now,
        who: context.who,
        field: diff.field,
        oldValue: diff.oldValue,
        newValue: diff.newValue,
        reason: context.reason,
        batch: context.batch,
      });
    }
  }
  return prepared;
}
