import type { Repositories } from '../db/repositories';
import { todayInChina } from '../domain/china-date';
import { rejudge } from '../domain/overlay-checks';
import { CONTROL_ROLES, type ControlRole, type OverlayCheck } from '../domain/parcel';
import type { RegionSettings } from '../domain/regions';
import { type ProposedChange, rerunRules } from '../domain/rules';
import type { AreaGeometry } from '../geo/geometry.types';
import type { AppStoreState } from './app-store';
import type { ParcelPatch } from './parcel-patch';
import type { AppServices } from './services';

/** User-set thresholds of the checks (DOMAIN.md: 边界误差 below e.g. 1 m² or 0.1 %). */
export interface CheckSettings {
  boundaryErrorM2: number;
  boundaryErrorShare: number;
  /** Flag parcels whose declared area (ZDMJ/TBMJ) differs from the computed one by more than this share. */
  areaDifferenceShare: number;
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = {
  boundaryErrorM2: 1,
  boundaryErrorShare: 0.001,
  areaDifferenceShare: 0.02,
};

const RECHECK_BATCH = 2000;

export interface StandardsActions {
  setRegion(region: RegionSettings): Promise<void>;
  /** Saves new check thresholds and re-judges every stored overlay check under them. */
  setCheckSettings(settings: CheckSettings): Promise<void>;
  /** Stops a running re-check; the previous checks stay as they were. */
  cancelRecheck(): void;
  /** Re-runs the rules over every parcel (today, current region): proposals only, nothing written. */
  proposeRuleChanges(): Promise<ProposedChange[]>;
  /** Applies the proposals the user confirmed, through the edit path (one log entry per field). */
  applyRuleChanges(changes: readonly ProposedChange[], reason: string): Promise<number>;
}

interface Context {
  repositories: Repositories;
  services: AppServices;
  get(): AppStoreState;
  set(patch: Partial<AppStoreState>): void;
  reload(): Promise<void>;
}

/**
 * The parcels measured against the standards: the 三区三线 control layers (overlay checks, their
 * thresholds, re-checking after a control layer changed) and the region's rules (re-run, apply).
 */
export function createStandardsSlice(ctx: Context): {
  actions: StandardsActions;
  ensureControls(): Promise<void>;
  recheckAll(): Promise<void>;
} {
  const { repositories, services } = ctx;
  let controlsRevision = -1;
  let recheckCancelled = false;

  /** Loads the control layers into the overlay engine once per data revision. */
  async function ensureControls(): Promise<void> {
    const state = ctx.get();
    if (controlsRevision === state.dataRevision) return;
    const layers: { role: ControlRole; geometries: AreaGeometry[] }[] = [];
    for (const layer of state.layers) {
      if (!(CONTROL_ROLES as readonly string[]).includes(layer.role)) continue;
      const features = await repositories.layers.readFeatures(layer.id);
      layers.push({ role: layer.role as ControlRole, geometries: features.map((f) => f.geometry) });
    }
    await services.overlay.setControls(layers);
    controlsRevision = state.dataRevision;
  }

  /**
   * Re-checks every stored parcel against the control layers (after a control layer was added), in
   * batches with progress; results are written only when all are computed, so a cancel leaves the
   * previous checks untouched (consistent, and re-runnable).
   */
  async function recheckAll(): Promise<void> {
    await ensureControls();
    recheckCancelled = false;
    const layers = ctx.get().layers.filter((l) => l.role === 'parcels');
    const total = layers.reduce((sum, l) => sum + l.featureCount, 0);
    const results = new Map<string, Map<string, OverlayCheck[]>>();
    let done = 0;
    ctx.set({ busy: 'rechecking', recheckProgress: 0 });
    try {
      for (const layer of layers) {
        const records = await repositories.parcels.readLayer(layer.id);
        const checks = new Map<string, OverlayCheck[]>();
        for (let start = 0; start < records.length; start += RECHECK_BATCH) {
          if (recheckCancelled) return;
          const batch = records.slice(start, start + RECHECK_BATCH);
          const out = await services.overlay.checkMany(
            batch.map((r) => ({ id: r.id, geometry: r.geometry, areaM2: r.areaM2 })),
            ctx.get().checkSettings,
          );
          for (const r of out) checks.set(r.id, r.checks);
          done += batch.length;
          ctx.set({ recheckProgress: total > 0 ? done / total : 1 });
        }
        results.set(layer.id, checks);
      }
      if (recheckCancelled) return;
      for (const [layerId, checks] of results) await repositories.parcels.updateOverlays(layerId, checks);
    } finally {
      ctx.set({ busy: null, recheckProgress: null });
    }
    await ctx.reload();
  }

  const actions: StandardsActions = {
    async setRegion(region) {
      await repositories.settings.set('region', region);
      ctx.set({ region });
    },

    async setCheckSettings(checkSettings) {
      await repositories.settings.set('checks', checkSettings);
      ctx.set({ checkSettings });
      for (const layer of ctx.get().layers) {
        if (layer.role !== 'parcels') continue;
        const records = await repositories.parcels.readLayer(layer.id);
        const judged = new Map(records.map((r) => [r.id, rejudge(r.overlay ?? [], r.areaM2, checkSettings)]));
        await repositories.parcels.updateOverlays(layer.id, judged);
      }
      await ctx.reload();
    },

    cancelRecheck() {
      recheckCancelled = true;
    },

    async proposeRuleChanges() {
      const records = await ctx.get().loadRecords();
      return rerunRules(records, todayInChina(services.now()), ctx.get().region.thresholds);
    },

    async applyRuleChanges(changes, reason) {
      // One bulk edit per suggested tag: each is one undoable action with a log entry per parcel.
      const groups = new Map<string, { patch: ParcelPatch; ids: string[] }>();
      for (const change of changes) {
        const key = `${change.suggested.category}|${change.suggested.subType ?? ''}`;
        const group = groups.get(key) ?? {
          patch: { category: change.suggested.category, subType: change.suggested.subType },
          ids: [],
        };
        group.ids.push(change.id);
        groups.set(key, group);
      }
      let changed = 0;
      for (const { patch, ids } of groups.values()) changed += await ctx.get().bulkEdit(ids, patch, reason);
      return changed;
    },
  };

  return { actions, ensureControls, recheckAll };
}
