import type { ParcelWrite, Repositories } from '../db/repositories';
import { AREA_FACTS, apportionedFacts, apportionedHistory, mergedAreaFacts } from '../domain/area-facts';
import type { ChangeEntry } from '../domain/change-entry';
import type { OverlayCheck, ParcelRecord } from '../domain/parcel';
import { mergeShapes, splitByLine } from '../geo/edit';
import type { AreaGeometry, Position } from '../geo/geometry.types';
import { AppError, toAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import type { StructuralUndo } from './edit-slice';
import { measure } from './field-slice';
import type { AppServices } from './services';

export interface SplitMergeActions {
  /**
   * Splits a parcel along a drawn line: the parts get new ids in the parcel's layer and keep its
   * attributes and history; the parcel is removed. One transaction; undoable.
   */
  splitParcel(id: string, line: Position[], reason?: string): Promise<ParcelRecord[]>;
  /**
   * Merges parcels that share a boundary into `survivorId` (its id and attributes are kept; the
   * others are removed with a log entry each). One transaction; undoable.
   */
  mergeParcels(survivorId: string, otherIds: readonly string[], reason?: string): Promise<ParcelRecord>;
}

interface Context {
  repositories: Repositories;
  services: AppServices;
  who(): string;
  thresholds(): { boundaryErrorM2: number; boundaryErrorShare: number };
  ensureControls(): Promise<void>;
  /** Tells the state (summaries, map) about added, removed or reshaped parcels. */
  added(record: ParcelRecord): void;
  removed(id: string): void;
  reshaped(record: ParcelRecord): void;
  pushUndo(entry: StructuralUndo): void;
  /** Storage-full and similar lasting problems go to the banner. */
  storageFailed(error: ReturnType<typeof toAppError>): void;
}

/** Fields whose history a split part inherits (the indicators replay them); area and shape are its own. */
const INHERITED = (field: string) => field === 'category' || field === 'status' || field.startsWith('facts.');

/**
 * The declared area of a merged parcel: the sum of the parts' declared areas when every part has
 * one, else none (a partial sum would be flagged as differing from the measured area for no reason).
 */
export function mergedDeclaredArea(parts: readonly ParcelRecord[]): number | undefined {
  let sum = 0;
  for (const part of parts) {
    const declared = part.facts.declaredAreaM2;
    if (declared === undefined || !Number.isFinite(declared)) return undefined;
    sum += declared;
  }
  return sum;
}

/** Split and merge (issue 6): geometry in geo/edit, one transaction each, undo as a structural step. */
export function createSplitMergeActions(ctx: Context): SplitMergeActions {
  const { repositories } = ctx;

  async function replace(
    writes: ParcelWrite[],
    removals: { id: string; expectedVersion: number }[],
    changes: ChangeEntry[],
  ): Promise<void> {
    try {
      await repositories.parcels.replace(writes, removals, changes);
    } catch (error) {
      const appError = toAppError(error);
      ctx.storageFailed(appError);
      throw appError;
    }
  }

  async function measured(
    geometry: AreaGeometry,
  ): Promise<{ geometry: AreaGeometry; areaM2: number; overlay: OverlayCheck[] }> {
    const m = measure(geometry);
    const overlay = await ctx.services.overlay.check(m.geometry, m.areaM2, ctx.thresholds());
    return { ...m, overlay };
  }

  function entry(
    parcelId: string,
    field: string,
    oldValue: unknown,
    newValue: unknown,
    base: Omit<ChangeEntry, 'parcelId' | 'field' | 'oldValue' | 'newValue'>,
  ): ChangeEntry {
    return { parcelId, field, oldValue, newValue, ...base };
  }

  /** Removes `gone` (at their stored versions) and writes `back` as new records, logged as `why`. */
  async function swap(gone: string[], back: ParcelRecord[], why: 'undo' | 'redo'): Promise<ParcelRecord[]> {
    const stored = await repositories.parcels.getMany(gone);
    if (stored.length < gone.length) throw new AppError('not-found', 'Some parcels no longer exist; reload.');
    const now = ctx.services.now().toISOString();
    const base = { at: now, who: ctx.who(), reason: why, batch: newId('b-') };
    const restored = back.map((r) => ({
      ...r,
      version: r.version + 1,
      updatedAt: now,
      updatedBy: ctx.who(),
    }));
    const changes = [
      ...stored.map((r) => entry(r.id, 'deleted', r.facts.code ?? r.id, null, base)),
      ...restored.map((r) => entry(r.id, 'restored', null, r.facts.code ?? r.id, base)),
    ];
    await replace(
      restored.map((record) => ({ record, expectedVersion: null })),
      stored.map((r) => ({ id: r.id, expectedVersion: r.version })),
      changes,
    );
    for (const id of gone) ctx.removed(id);
    for (const record of restored) ctx.added(record);
    return restored;
  }

  return {
    async splitParcel(id, line, reason) {
      const parent = await repositories.parcels.get(id);
      if (!parent) throw new AppError('not-found', `Parcel ${id} no longer exists.`);
      const split = splitByLine(parent.geometry, line);
      if (!split.ok)
        throw new AppError('geometry-invalid', `The line does not split the parcel (${split.error}).`, {
          reason: split.error,
        });
      await ctx.ensureControls();
      const parts = [];
      for (const part of split.parts) parts.push(await measured(part));
      const now = ctx.services.now().toISOString();
      const who = ctx.who();
      const base = { at: now, who, reason, batch: newId('b-') };
      const children: ParcelRecord[] = [];
      // The parent's declared area (宗地面积 as the source gave it) describes the parent's shape, not
      // a part's: a part keeps none (the log below keeps the parent's figure), else every part
      // would show a false "declared and computed areas differ" flag.
      const { declaredAreaM2: parentDeclared, ...partFacts } = parent.facts;
      // Approved and supplied areas are shared out by measured area (domain/area-facts).
      const total = parts.reduce((sum, part) => sum + part.areaM2, 0);
      const shares = new Map<string, number>();
      for (const part of parts) {
        const childId = await repositories.parcels.nextId(parent.layerId);
        const share = total > 0 ? part.areaM2 / total : 1 / parts.length;
        shares.set(childId, share);
        children.push({
          ...parent,
          ...part,
          facts: apportionedFacts(partFacts, share),
          id: childId,
          version: 1,
          updatedAt: now,
          updatedBy: who,
        });
      }
      const history = (await repositories.changes.forParcel(parent.id)).filter((c) => INHERITED(c.field));
      const changes: ChangeEntry[] = [
        entry(parent.id, 'split', parent.facts.code ?? parent.id, children.map((c) => c.id).join(', '), base),
      ];
      for (const child of children) {
        const share = shares.get(child.id) ?? 1;
        for (const { id: _id, ...old } of history)
          changes.push(apportionedHistory({ ...old, parcelId: child.id }, share));
        for (const fact of AREA_FACTS)
          if (parent.facts[fact] !== child.facts[fact])
            changes.push(entry(child.id, `facts.${fact}`, parent.facts[fact], child.facts[fact], base));
        if (parentDeclared !== undefined)
          changes.push(entry(child.id, 'facts.declaredAreaM2', parentDeclared, undefined, base));
        changes.push(entry(child.id, 'split', parent.id, child.id, base));
      }
      await replace(
        children.map((record) => ({ record, expectedVersion: null })),
        [{ id: parent.id, expectedVersion: parent.version }],
        changes,
      );
      ctx.removed(parent.id);
      for (const child of children) ctx.added(child);
      let current = { parents: [parent], children };
      ctx.pushUndo({
        async undo() {
          const parents = await swap(
            current.children.map((c) => c.id),
            current.parents,
            'undo',
          );
          current = { ...current, parents };
        },
        async redo() {
          const kids = await swap(
            current.parents.map((p) => p.id),
            current.children,
            'redo',
          );
          current = { ...current, children: kids };
        },
      });
      return children;
    },

    async mergeParcels(survivorId, otherIds, reason) {
      const ids = [survivorId, ...otherIds.filter((o) => o !== survivorId)];
      const records = await repositories.parcels.getMany(ids);
      const byId = new Map(records.map((r) => [r.id, r]));
      const ordered = ids.map((i) => byId.get(i));
      if (ordered.some((r) => !r)) throw new AppError('not-found', 'Some parcels no longer exist; reload.');
      const [survivor, ...others] = ordered as [ParcelRecord, ...ParcelRecord[]];
      const merged = mergeShapes([survivor.geometry, ...others.map((o) => o.geometry)]);
      if (!merged.ok)
        throw new AppError('geometry-invalid', `These parcels cannot be merged (${merged.error}).`, {
          reason: merged.error,
        });
      await ctx.ensureControls();
      const shape = await measured(merged.geometry);
      const now = ctx.services.now().toISOString();
      const who = ctx.who();
      const base = { at: now, who, reason, batch: newId('b-') };
      const declared = mergedDeclaredArea([survivor, ...others]);
      const { declaredAreaM2: _declared, ...rest } = survivor.facts;
      const survivorFacts = { ...rest, ...mergedAreaFacts([survivor, ...others]) };
      const next: ParcelRecord = {
        ...survivor,
        ...shape,
        facts: declared === undefined ? survivorFacts : { ...survivorFacts, declaredAreaM2: declared },
        version: survivor.version + 1,
        updatedAt: now,
        updatedBy: who,
      };
      const changes: ChangeEntry[] = [
        entry(survivor.id, 'merged', others.map((o) => o.id).join(', '), survivor.id, base),
        entry(survivor.id, 'geometry', survivor.geometry, next.geometry, base),
        entry(survivor.id, 'areaM2', survivor.areaM2, next.areaM2, base),
        ...(survivor.facts.declaredAreaM2 !== next.facts.declaredAreaM2
          ? [
              entry(
                survivor.id,
                'facts.declaredAreaM2',
                survivor.facts.declaredAreaM2,
                next.facts.declaredAreaM2,
                base,
              ),
            ]
          : []),
        ...AREA_FACTS.filter((fact) => survivor.facts[fact] !== next.facts[fact]).map((fact) =>
          entry(survivor.id, `facts.${fact}`, survivor.facts[fact], next.facts[fact], base),
        ),
        ...others.map((o) => entry(o.id, 'merged', o.facts.code ?? o.id, survivor.id, base)),
      ];
      await replace(
        [{ record: next, expectedVersion: survivor.version }],
        others.map((o) => ({ id: o.id, expectedVersion: o.version })),
        changes,
      );
      for (const other of others) ctx.removed(other.id);
      ctx.reshaped(next);
      let state = { before: survivor, after: next, others };
      const restoreSurvivor = async (
        to: ParcelRecord,
        why: 'undo' | 'redo',
        add: ParcelRecord[],
        drop: string[],
      ) => {
        const stored = await repositories.parcels.getMany([survivor.id, ...drop]);
        const current = stored.find((r) => r.id === survivor.id);
        if (!current || stored.length < drop.length + 1)
          throw new AppError('not-found', 'Some parcels no longer exist; reload.');
        const at = ctx.services.now().toISOString();
        const b = { at, who: ctx.who(), reason: why, batch: newId('b-') };
        const record = { ...to, version: current.version + 1, updatedAt: at, updatedBy: ctx.who() };
        const added = add.map((r) => ({ ...r, version: r.version + 1, updatedAt: at, updatedBy: ctx.who() }));
        await replace(
          [
            { record, expectedVersion: current.version },
            ...added.map((r) => ({ record: r, expectedVersion: null })),
          ],
          stored.filter((r) => r.id !== survivor.id).map((r) => ({ id: r.id, expectedVersion: r.version })),
          [
            entry(survivor.id, 'geometry', current.geometry, record.geometry, b),
            entry(survivor.id, 'areaM2', current.areaM2, record.areaM2, b),
            ...(current.facts.declaredAreaM2 !== record.facts.declaredAreaM2
              ? [
                  entry(
                    survivor.id,
                    'facts.declaredAreaM2',
                    current.facts.declaredAreaM2,
                    record.facts.declaredAreaM2,
                    b,
                  ),
                ]
              : []),
            ...added.map((r) => entry(r.id, 'restored', null, r.facts.code ?? r.id, b)),
            ...drop.map((d) => entry(d, 'deleted', d, null, b)),
          ],
        );
        for (const d of drop) ctx.removed(d);
        for (const r of added) ctx.added(r);
        ctx.reshaped(record);
        return { record, added };
      };
      ctx.pushUndo({
        async undo() {
          const { record, added } = await restoreSurvivor(state.before, 'undo', state.others, []);
          state = { ...state, before: record, others: added };
        },
        async redo() {
          const { record } = await restoreSurvivor(
            state.after,
            'redo',
            [],
            state.others.map((o) => o.id),
          );
          state = { ...state, after: record };
        },
      });
      return next;
    },
  };
}
