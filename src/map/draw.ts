import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  type GeoJSONStoreFeatures,
  TerraDraw,
  type TerraDrawMouseEvent,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
  ValidateNotSelfIntersecting,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { ellipsoidalAreaM2 } from '../geo/area';
import type { AreaGeometry, PolygonGeometry } from '../geo/geometry.types';

const SNAP_PIXELS = 12;

export type DrawKind = 'polygon' | 'rectangle';

export interface DrawCallbacks {
  /** Area of the shape being drawn, m² (0 until it is a polygon). */
  onArea(areaM2: number): void;
  onFinish(geometry: PolygonGeometry): void;
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
  snapping = true;

  constructor(
    private readonly map: MapLibreMap,
    private readonly snapLayers: () => string[],
  ) {}

  get active(): boolean {
    return this.callbacks !== null;
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
   * keeps other shapes exactly as they are.
   */
  startEditing(geometry: PolygonGeometry, callbacks: DrawCallbacks): void {
    const draw = this.ensure();
    this.clear();
    this.callbacks = callbacks;
    draw.setMode('select');
    const [result] = draw.addFeatures([
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: geometry.coordinates as number[][][] },
        properties: { mode: 'polygon' },
      },
    ]);
    if (!result?.valid) throw new Error(`This shape cannot be edited: ${result?.reason ?? 'invalid'}`);
    this.editingId = result.id ?? null;
    if (this.editingId !== null) draw.selectFeature(this.editingId);
    callbacks.onArea(ellipsoidalAreaM2(geometry));
  }

  /** Ends editing and hands back the edited shape. */
  finishEditing(): void {
    if (!this.draw || this.editingId === null || !this.callbacks) return;
    const feature = this.draw.getSnapshotFeature(this.editingId);
    const callbacks = this.callbacks;
    this.clear();
    if (feature?.geometry.type === 'Polygon') callbacks.onFinish(feature.geometry as PolygonGeometry);
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
    this.editingId = null;
    if (!this.draw) return;
    this.draw.clear();
    this.draw.setMode('static');
  }

  private ensure(): TerraDraw {
    if (this.draw) return this.draw;
    const snapping = { toCoordinate: true, toCustom: (event: TerraDrawMouseEvent) => this.snap(event) };
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      modes: [
        new TerraDrawPolygonMode({
          snapping,
          validation: (feature) => ValidateNotSelfIntersecting(feature),
          styles: { fillColor: '#00b4d8', outlineColor: '#0077b6', outlineWidth: 2, fillOpacity: 0.25 },
        }),
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
    if (!this.draw || !this.callbacks) return;
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
