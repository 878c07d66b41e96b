import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GroupClass } from '../domain/reports/group-classes';
import type { AppState, AppStore } from '../store/app-store';
import { TILE_LAYER } from '../store/map-tiles';
import { GROUP_COLORS, OTHER_GROUP_COLOR } from './category-colors';
import { categoryColor, sourceId } from './style';

/** Feature-states set per macrotask: a county of 100k parcels is classed in slices, never in one long task. */
const BATCH = 4_000;
/** Edits come in bursts (bulk edits, undo): the classes are recomputed once they settle. */
const REFRESH_DELAY_MS = 300;

/** The colour of a class of the coloured map (legend and map share it). */
export function groupColor(classes: readonly GroupClass[], index: number): string {
  const cls = classes[index];
  if (!cls || cls.other) return OTHER_GROUP_COLOR;
  return GROUP_COLORS[index % GROUP_COLORS.length] ?? OTHER_GROUP_COLOR;
}

/**
 * The parcels' fill by the feature-state `group` (a class index); parcels not yet classed are grey.
 * With no class of its own (no parcels, or all in "other") every parcel is grey: a `match` needs
 * at least one branch (MapLibre's validator rejects one without; style.test.ts).
 */
export function groupFillColor(classes: readonly GroupClass[]): string | unknown[] {
  const match: unknown[] = ['match', ['coalesce', ['feature-state', 'group'], -1]];
  classes.forEach((cls, i) => {
    if (!cls.other) match.push(i, groupColor(classes, i));
  });
  if (match.length === 2) return OTHER_GROUP_COLOR;
  match.push(OTHER_GROUP_COLOR);
  return match;
}

/**
 * Colours the parcels by a grouping of the statistics without re-processing any source: each
 * parcel's class index goes into its feature-state (in batches), and the fill reads it through a
 * `match`. After an edit only the parcels whose class changed are touched.
 */
export class GroupColoring {
  /** Class index set on each parcel, and what the indexes meant (grouping and class keys). */
  private applied = new Map<string, number>();
  private appliedMeaning = '';
  private generation = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly map: MapLibreMap,
    private readonly store: AppStore,
  ) {}

  /** Paints the fills for the state's colouring; `fresh` after the sources were re-created. */
  apply(state: AppState, fresh = false): void {
    const generation = ++this.generation;
    const classes = state.mapClasses;
    const color = classes ? groupFillColor(classes.classes) : categoryColor();
    for (const layer of state.layers) {
      if (layer.role !== 'parcels') continue;
      if (this.map.getLayer(`${layer.id}:fill`))
        this.map.setPaintProperty(`${layer.id}:fill`, 'fill-color', color as never);
      if (this.map.getLayer(`${layer.id}:points`))
        this.map.setPaintProperty(`${layer.id}:points`, 'circle-color', color as never);
    }
    if (!classes) return;
    const meaning = `${classes.grouping}\u0001${classes.classes.map((c) => (c.other ? '\u0002' : c.key)).join('\u0001')}`;
    if (fresh || meaning !== this.appliedMeaning) this.applied.clear();
    this.appliedMeaning = meaning;
    const { ids, index } = classes;
    let next = 0;
    const step = () => {
      if (generation !== this.generation) return;
      const parcels = this.store.getState().parcels;
      const end = Math.min(ids.length, next + BATCH);
      for (; next < end; next++) {
        const id = ids[next] as string;
        const cls = index[next] as number;
        if (this.applied.get(id) === cls) continue;
        const summary = parcels.get(id);
        if (!summary || !this.map.getSource(sourceId(summary.layerId))) continue;
        this.map.setFeatureState(
          { source: sourceId(summary.layerId), sourceLayer: TILE_LAYER, id: summary.mapId },
          { group: cls },
        );
        this.applied.set(id, cls);
      }
      if (next < ids.length) setTimeout(step, 0);
    };
    step();
  }

  /** Stored parcels changed: recompute the classes (off the UI thread) once the edits settle. */
  scheduleRefresh(state: AppState): void {
    if (state.mapColorBy === 'category') return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      this.store
        .getState()
        .refreshMapClasses()
        .catch((error: unknown) => this.store.getState().showError(error));
    }, REFRESH_DELAY_MS);
  }

  destroy(): void {
    this.generation++;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }
}
