import type { Repositories } from '../db/repositories';
import type { ChangeEntry } from '../domain/change-entry';
import type { LayerRecord } from '../domain/layer';
import type { ParcelFacts, ParcelRecord, PatrolFinding, PatrolStage } from '../domain/parcel';
import type { GpsFix, PatrolRecord, PhotoRecord } from '../domain/patrol';
import { areaOf } from '../geo/area';
import type { AreaGeometry } from '../geo/geometry.types';
import { validateAreaGeometry } from '../geo/validity';
import { AppError, toAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import type { ParcelPatch } from './parcel-patch';
import type { AppServices } from './services';

export const DRAWN_LAYER_ID = 'drawn';

/** A photo ready to store (already resized by the photo service). */
export interface NewPhoto {
  blob: Blob;
  type: string;
  width: number;
  height: number;
  name: string;
}

export interface NewPatrol {
  parcelId: string;
  stage: PatrolStage;
  finding: PatrolFinding;
  notes: string;
  position?: GpsFix;
  followUp?: string;
  photos: NewPhoto[];
  /** Facts the visit established (e.g. 实际动工日期), written through the edit path so rules re-run. */
  factUpdates?: Partial<ParcelFacts>;
}

export interface FieldActions {
  /** A picked or captured photo made ready to store (resized in the browser). */
  preparePhoto(file: Blob, name: string): Promise<NewPhoto>;
  loadPatrols(parcelId: string): Promise<PatrolRecord[]>;
  loadPhoto(id: string): Promise<PhotoRecord | undefined>;
  savePatrol(patrol: NewPatrol): Promise<PatrolRecord>;
  loadDraft<T>(key: string): Promise<T | undefined>;
  saveDraft(key: string, value: unknown): Promise<void>;
  removeDraft(key: string): Promise<void>;
  /** A new parcel from a drawn or walked polygon: validated, measured, checked, stored with a log entry. */
  createParcel(geometry: AreaGeometry, how: 'drawn' | 'walked'): Promise<ParcelRecord>;
  /** A parcel's new shape: measured and re-checked, written through the edit path. */
  updateGeometry(id: string, geometry: AreaGeometry): Promise<ParcelRecord>;
  deleteParcel(id: string, reason?: string): Promise<void>;
}

interface Context {
  repositories: Repositories;
  services: AppServices;
  who(): string;
  layers(): LayerRecord[];
  /** The user's 边界误差 thresholds for new checks. */
  thresholds(): { boundaryErrorM2: number; boundaryErrorShare: number };
  ensureControls(): Promise<void>;
  editParcel(id: string, patch: ParcelPatch, reason?: string): Promise<ParcelRecord>;
  /** After a new layer was created: reload everything (rare: the first drawn parcel). */
  reload(): Promise<void>;
  /** Re-reads just these layers (the rest of the county and its map source stay as they are). */
  reloadLayers(ids: readonly string[]): Promise<void>;
  /** Tells the state (summaries, map) about added or removed parcels. */
  added(record: ParcelRecord): void;
  removed(id: string): void;
}

/** Checks a drawn shape: valid polygon (no self-intersection), measurable area. */
export function measure(drawn: AreaGeometry): { geometry: AreaGeometry; areaM2: number } {
  const validity = validateAreaGeometry(drawn, { geographic: true });
  const geometry = validity.geometry;
  if (!validity.valid || !geometry) {
    const codes = validity.issues.map((i) => i.code).join(', ');
    throw new AppError(
      'geometry-invalid',
      `The shape is not a valid polygon (${codes}); fix it before saving.`,
      { codes },
    );
  }
  const area = areaOf(geometry);
  if (!area.ok)
    throw new AppError('geometry-invalid', `The shape has no valid area (${area.error}).`, {
      codes: area.error,
    });
  return { geometry, areaM2: area.value };
}

/** Field work: patrols with photos, drafts, and parcels drawn, walked, reshaped or deleted. */
export function createFieldActions(ctx: Context): FieldActions {
  async function ensureDrawnLayer(now: string): Promise<void> {
    if (ctx.layers().some((l) => l.id === DRAWN_LAYER_ID)) return;
    const layer: LayerRecord = {
      id: DRAWN_LAYER_ID,
      name: '外业绘制宗地',
      role: 'parcels',
      source: 'drawn',
      featureCount: 0,
      visible: true,
      opacity: 1,
      order: Math.max(0, ...ctx.layers().map((l) => l.order)) + 1,
      nextSeq: 0,
      createdAt: now,
    };
    await ctx.repositories.layers.importLayer(layer, { kind: 'parcels', items: [] });
    await ctx.reloadLayers([layer.id]);
  }

  return {
    async preparePhoto(file, name) {
      if (ctx.services.photos) return ctx.services.photos.resize(file, name);
      return { blob: file, type: file.type || 'application/octet-stream', width: 0, height: 0, name };
    },
    loadPatrols: (parcelId) => ctx.repositories.patrols.forParcel(parcelId),
    loadPhoto: (id) => ctx.repositories.patrols.photo(id),

    async savePatrol(input) {
      const now = ctx.services.now().toISOString();
      const id = newId('p-');
      const photos: PhotoRecord[] = input.photos.map((p) => ({
        ...p,
        id: newId('ph-'),
        patrolId: id,
        parcelId: input.parcelId,
      }));
      const patrol: PatrolRecord = {
        id,
        parcelId: input.parcelId,
        at: now,
        inspector: ctx.who(),
        stage: input.stage,
        finding: input.finding,
        notes: input.notes,
        ...(input.position ? { position: input.position } : {}),
        ...(input.followUp ? { followUp: input.followUp } : {}),
        photoIds: photos.map((p) => p.id),
        createdAt: now,
      };
      await ctx.repositories.patrols.add(patrol, photos);
      if (input.factUpdates && Object.keys(input.factUpdates).length > 0) {
        await ctx.editParcel(input.parcelId, { facts: input.factUpdates }, `巡查 ${now.slice(0, 10)}`);
      }
      await ctx.repositories.drafts.remove(`patrol:${input.parcelId}`).catch(() => undefined);
      return patrol;
    },

    loadDraft: (key) => ctx.repositories.drafts.get(key),
    saveDraft: (key, value) => ctx.repositories.drafts.set(key, value, ctx.services.now().toISOString()),
    removeDraft: (key) => ctx.repositories.drafts.remove(key),

    async createParcel(drawn, how) {
      const { geometry, areaM2 } = measure(drawn);
      const now = ctx.services.now().toISOString();
      await ensureDrawnLayer(now);
      await ctx.ensureControls();
      const overlay = await ctx.services.overlay.check(geometry, areaM2, ctx.thresholds());
      const id = await ctx.repositories.parcels.nextId(DRAWN_LAYER_ID);
      const record: ParcelRecord = {
        id,
        layerId: DRAWN_LAYER_ID,
        geometry,
        source: { properties: Object.create(null) as Record<string, unknown> },
        areaM2,
        facts: {},
        category: 'unclassified',
        status: 'to-verify',
        overlay,
        version: 1,
        updatedAt: now,
        updatedBy: ctx.who(),
      };
      const change: ChangeEntry = {
        parcelId: id,
        at: now,
        who: ctx.who(),
        field: 'created',
        oldValue: null,
        newValue: how,
        batch: newId('b-'),
      };
      await ctx.repositories.parcels.write([{ record, expectedVersion: null }], [change]);
      ctx.added(record);
      return record;
    },

    async updateGeometry(id, drawn) {
      const { geometry, areaM2 } = measure(drawn);
      await ctx.ensureControls();
      const overlay = await ctx.services.overlay.check(geometry, areaM2, ctx.thresholds());
      return ctx.editParcel(id, { geometry, areaM2, overlay });
    },

    async deleteParcel(id, reason) {
      const now = ctx.services.now().toISOString();
      const record = await ctx.repositories.parcels.get(id);
      if (!record) throw new AppError('not-found', `Parcel ${id} no longer exists.`);
      try {
        await ctx.repositories.parcels.remove(id, [
          {
            parcelId: id,
            at: now,
            who: ctx.who(),
            field: 'deleted',
            oldValue: record.facts.code ?? id,
            newValue: null,
            reason,
            batch: newId('b-'),
          },
        ]);
      } catch (error) {
        throw toAppError(error);
      }
      ctx.removed(id);
    },
  };
}
