import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  type GeoJSONStoreFeatures,
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  type TerraDrawMouseEvent,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
  ValidateNotSelfIntersecting,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { ellipsoidalAreaM2 } from '../geo/area';
import type { AreaGeometry, PolygonGeometry, Position } from '../geo/geometry.types';

const SNAP_PIXELS = 12;
/** Decimals of a degree Terra Draw accepts (its adapters' default): 1e-9° ≈ 0.1 mm. */
export const DRAW_PRECISION = 9;
const SCALE = 10 ** DRAW_PRECISION;

function roundPosition(position: Position): Position {
  return [Math.round((position[0] ?? 0) * SCALE) / SCALE, Math.round((position[1] ?? 0) * SCALE) / SCALE];
}

const positionKey = (position: Position) => `${position[0]},${position[1]}`;

export type DrawKind = 'polygon' | 'rectangle';
export type LonLat = [number, number];

export interface DrawCallbacks {
  /** Area of the shape being drawn, m² (0 until it is a polygon). */
  onArea(areaM2: number): void;
  onFinish(geometry: PolygonGeometry): void;
  /** The vertices placed so far of a polygon being drawn (after every click, undo and redo). */
  onVertices?(points: LonLat[]): void;
}

export interface LineCallbacks {
  onFinish(line: LonLat[]): void;
  onVertices?(points: LonLat[]): void;
}

/** The mode fields Terra Draw keeps private: the feature being drawn and how many vertices are placed. */
interface DrawingModeState {
  currentId?: string | number | null;
  currentCoordinate?: number;
}

/**
 * Terra Draw behind one small interface (DESIGN.md: map/draw.ts). Only the shape being drawn or
 * the one parcel being edited is ever in Terra Draw's store; the county stays in MapLibre sources.
 * Snapping reaches the county through `snapLayers`: vertices of rendered parcels and control
 * features within a few pixels.
 */
export class DrawController {
  private draw: TerraDraw | null = null;
  private callbacks: DrawCallbacks | null = null;
  private editingId: string | number | null = null;
  /** The stored vertices of the shape being edited, by their rounded position. */
  private editingOriginals = new Map<string, Position>();
  private lineCallbacks: LineCallbacks | null = null;
  private polygonMode: TerraDrawPolygonMode | null = null;
  private lineMode: TerraDrawLineStringMode | null = null;
  private lastVertices = '';
  snapping = true;

  constructor(
    private readonly map: MapLibreMap,
    private readonly snapLayers: () => string[],
  ) {}

  get active(): boolean {
    return this.callbacks !== null || this.lineCallbacks !== null;
  }

  /** Draws a polyline (the split tool): finished by clicking its last vertex again or finishLine(). */
  startLine(callbacks: LineCallbacks): void {
    const draw = this.ensure();
    this.clear();
    this.lineCallbacks = callbacks;
    draw.setMode('linestring');
  }

  /** Ends the line being drawn with the vertices placed so far (at least two). */
  finishLine(): void {
    const callbacks = this.lineCallbacks;
    const points = this.placedVertices();
    if (!callbacks || points.length < 2) return;
    this.clear();
    callbacks.onFinish(points);
  }

  /**
   * Continues a half-drawn polygon (a draft kept across a reload or crash): starts drawing and
   * places the saved vertices again, as clicks, without snapping them anew.
   */
  resumePolygon(points: readonly LonLat[], callbacks: DrawCallbacks): void {
    this.startDrawing('polygon', callbacks);
    const mode = this.polygonMode;
    if (!mode) return;
    const snapping = this.snapping;
    this.snapping = false;
    try {
      for (const [lng, lat] of points) {
        const screen = this.map.project([lng, lat]);
        const event: TerraDrawMouseEvent = {
          lng,
          lat,
          containerX: screen.x,
          containerY: screen.y,
          button: 'left',
          heldKeys: [],
          isContextMenu: false,
        };
        mode.onMouseMove(event);
        mode.onClick(event);
      }
    } finally {
      this.snapping = snapping;
    }
    this.emitVertices();
  }

  /** Removes the last placed vertex of the shape being drawn; false when there is none. */
  undoVertex(): boolean {
    if (!this.draw || !this.active || this.placedVertices().length === 0) return false;
    const done = this.draw.undo();
    this.emitVertices();
    return done;
  }

  /** Puts back the vertex the last undoVertex() removed. */
  redoVertex(): boolean {
    if (!this.draw || !this.active) return false;
    const done = this.draw.redo();
    this.emitVertices();
    return done;
  }

  /** The vertices placed so far of the polygon or line being drawn (not the one following the pointer). */
  placedVertices(): LonLat[] {
    if (!this.draw) return [];
    const mode = (this.lineCallbacks ? this.lineMode : this.polygonMode) as DrawingModeState | null;
    const id = mode?.currentId;
    const count = mode?.currentCoordinate ?? 0;
    if (id === undefined || id === null || count === 0) return [];
    const feature = this.draw.getSnapshotFeature(id);
    const geometry = feature?.geometry;
    const coordinates =
      geometry?.type === 'Polygon'
        ? (geometry.coordinates[0] ?? [])
        : geometry?.type === 'LineString'
          ? geometry.coordinates
          : [];
    return coordinates.slice(0, count).map((p) => [p[0] as number, p[1] as number]);
  }

  private emitVertices(): void {
    const points = this.placedVertices();
    const key = JSON.stringify(points);
    if (key === this.lastVertices) return;
    this.lastVertices = key;
    this.callbacks?.onVertices?.(points);
    this.lineCallbacks?.onVertices?.(points);
  }

  /** Starts drawing a new polygon or rectangle; a self-intersecting polygon cannot be finished. */
  startDrawing(kind: DrawKind, callbacks: DrawCallbacks): void {
    const draw = this.ensure();
    this.clear();
    this.callbacks = callbacks;
    draw.setMode(kind);
  }

  /**
   * Loads one parcel's shape for editing (move vertices, add by dragging a midpoint, delete with a
   * right-click, drag the whole). Only single polygons without holes can be edited; the caller
   * keeps other shapes exactly as they are. Terra Draw refuses coordinates finer than
   * `DRAW_PRECISION` decimals (reprojected imports have ~15), so the shape is loaded rounded and
   * every vertex left where it was gets its exact stored value back on finish. Returns the reason
   * when Terra Draw still refuses the shape (nothing is then being edited).
   */
  startEditing(geometry: PolygonGeometry, callbacks: DrawCallbacks): string | null {
    const draw = this.ensure();
    this.clear();
    draw.setMode('select');
    const originals = new Map<string, Position>();
    const rounded = geometry.coordinates.map((ring) =>
      ring.map((position) => {
        const near = roundPosition(position);
        originals.set(positionKey(near), position);
        return near;
      }),
    );
    const [result] = draw.addFeatures([
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: rounded },
        properties: { mode: 'polygon' },
      },
    ]);
    if (!result?.valid || result.id === undefined) {
      this.clear();
      return result?.reason ?? 'invalid';
    }
    this.callbacks = callbacks;
    this.editingOriginals = originals;
    this.editingId = result.id;
    draw.selectFeature(this.editingId);
    callbacks.onArea(ellipsoidalAreaM2(geometry));
    return null;
  }

  /** Ends editing and hands back the edited shape. */
  finishEditing(): void {
    if (!this.draw || this.editingId === null || !this.callbacks) return;
    const feature = this.draw.getSnapshotFeature(this.editingId);
    const callbacks = this.callbacks;
    const originals = this.editingOriginals;
    this.clear();
    if (feature?.geometry.type !== 'Polygon') return;
    const rings = (feature.geometry as PolygonGeometry).coordinates.map((ring) =>
      ring.map((position) => originals.get(positionKey(roundPosition(position))) ?? position),
    );
    callbacks.onFinish({ type: 'Polygon', coordinates: rings });
  }

  cancel(): void {
    this.clear();
  }

  destroy(): void {
    this.clear();
    this.draw?.stop();
    this.draw = null;
  }

  private clear(): void {
    this.callbacks = null;
    this.lineCallbacks = null;
    this.editingId = null;
    this.editingOriginals = new Map();
    this.lastVertices = '';
    if (!this.draw) return;
    this.draw.clear();
    this.draw.clearUndoRedoHistory();
    this.draw.setMode('static');
  }

  private ensure(): TerraDraw {
    if (this.draw) return this.draw;
    const snapping = { toCoordinate: true, toCustom: (event: TerraDrawMouseEvent) => this.snap(event) };
    this.polygonMode = new TerraDrawPolygonMode({
      snapping,
      validation: (feature) => ValidateNotSelfIntersecting(feature),
      styles: { fillColor: '#00b4d8', outlineColor: '#0077b6', outlineWidth: 2, fillOpacity: 0.25 },
    });
    this.lineMode = new TerraDrawLineStringMode({
      snapping,
      styles: { lineStringColor: '#d00000', lineStringWidth: 3 },
    });
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      // Mode-level undo: the vertices of the shape being drawn (finished edits use the store's undo).
      undoRedo: { modeLevel: new TerraDrawModeUndoRedo() },
      modes: [
        this.polygonMode,
        this.lineMode,
        new TerraDrawRectangleMode({
          styles: { fillColor: '#00b4d8', outlineColor: '#0077b6', outlineWidth: 2, fillOpacity: 0.25 },
        }),
        new TerraDrawSelectMode({
          flags: {
            polygon: {
              feature: {
                draggable: true,
                coordinates: {
                  midpoints: true,
                  draggable: true,
                  deletable: true,
                  snappable: { toCustom: (event) => this.snap(event) },
                },
              },
            },
          },
          validation: (feature) => ValidateNotSelfIntersecting(feature),
        }),
      ],
    });
    draw.start();
    draw.on('change', (ids) => this.onChange(ids));
    draw.on('finish', (id, context) => {
      if (context.action === 'draw' && context.mode === 'linestring' && this.lineCallbacks) {
        const feature = draw.getSnapshotFeature(id);
        const callbacks = this.lineCallbacks;
        if (feature?.geometry.type !== 'LineString') return;
        const line = feature.geometry.coordinates.map((p) => [p[0] as number, p[1] as number] as LonLat);
        this.clear();
        callbacks.onFinish(line);
        return;
      }
      if (context.action !== 'draw' || !this.callbacks) return;
      const feature = draw.getSnapshotFeature(id);
      const callbacks = this.callbacks;
      if (feature?.geometry.type !== 'Polygon') return;
      this.clear();
      callbacks.onFinish(feature.geometry as PolygonGeometry);
    });
    this.draw = draw;
    return draw;
  }

  private onChange(ids: (string | number)[]): void {
    if (!this.draw) return;
    // Terra Draw reports the change before it counts the new vertex: read them once the click is done.
    if (this.lineCallbacks || (this.callbacks && this.editingId === null))
      queueMicrotask(() => this.emitVertices());
    if (!this.callbacks) return;
    for (const id of ids) {
      const feature: GeoJSONStoreFeatures | undefined = this.draw.getSnapshotFeature(id);
      if (feature?.geometry.type !== 'Polygon') continue;
      const ring = feature.geometry.coordinates[0] ?? [];
      if (ring.length >= 4) this.callbacks.onArea(ellipsoidalAreaM2(feature.geometry as AreaGeometry));
    }
  }

  /** Nearest vertex of a rendered parcel or control feature within SNAP_PIXELS of the pointer. */
  private snap(event: TerraDrawMouseEvent): [number, number] | undefined {
    if (!this.snapping) return undefined;
    const layers = this.snapLayers().filter((id) => this.map.getLayer(id));
    if (layers.length === 0) return undefined;
    const { containerX: x, containerY: y } = event;
    const features = this.map.queryRenderedFeatures(
      [
        [x - SNAP_PIXELS, y - SNAP_PIXELS],
        [x + SNAP_PIXELS, y + SNAP_PIXELS],
      ],
      { layers },
    );
    let best: [number, number] | undefined;
    let bestDistance = SNAP_PIXELS;
    for (const feature of features) {
      const geometry = feature.geometry;
      const polygons =
        geometry.type === 'Polygon'
          ? [geometry.coordinates]
          : geometry.type === 'MultiPolygon'
            ? geometry.coordinates
            : [];
      for (const polygon of polygons) {
        for (const ring of polygon) {
          for (const position of ring) {
            const point = this.map.project(position as [number, number]);
            const distance = Math.hypot(point.x - x, point.y - y);
            if (distance < bestDistance) {
              bestDistance = distance;
              best = [position[0] as number, position[1] as number];
            }
          }
        }
      }
    }
    return best;
  }
}
