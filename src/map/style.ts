import type { FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { LayerRecord } from '../domain/layer';
import { CATEGORIES } from '../domain/parcel';
import { TILE_LAYER } from '../store/map-tiles';
import { CATEGORY_COLORS, CONTROL_COLORS } from './category-colors';

export const HATCH_IMAGE = 'farmland-hatch';
export const BASEMAP_SOURCE = 'basemap';

/**
 * The base style: a plain background (works with no network) plus, when configured, one online
 * raster basemap (XYZ template in Web Mercator). No glyphs or sprites are requested from anywhere.
 */
export function baseStyle(basemapUrl: string): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0eb' } }],
  };
  if (basemapUrl) {
    style.sources[BASEMAP_SOURCE] = { type: 'raster', tiles: [basemapUrl], tileSize: 256, maxzoom: 18 };
    style.layers.push({ id: BASEMAP_SOURCE, type: 'raster', source: BASEMAP_SOURCE });
  }
  return style;
}

export const sourceId = (layerId: string): string => `src-${layerId}`;

/**
 * Parcel outlines start here (a 100 m parcel is ~12 px wide at 25°N). Further out a county's
 * outlines would be a second line pass over 100k sub-pixel parcels in every frame — seconds per
 * frame on software WebGL — and show nothing their fills do not.
 */
export const OUTLINE_MIN_ZOOM = 13;

const categoryExpression = ['coalesce', ['feature-state', 'category'], ['get', 'category']];

/** The parcels' fill by category (feature-state first: an edit recolours without re-processing). */
export function categoryColor(): unknown[] {
  const match: unknown[] = ['match', categoryExpression];
  for (const category of CATEGORIES) match.push(category, CATEGORY_COLORS[category]);
  match.push(CATEGORY_COLORS.unclassified);
  return match;
}

/**
 * The MapLibre layers that draw one of our layers, by its role. Ids are `${layer.id}:${part}`; each
 * reads the one layer of the vector tiles cut for it (store/map-tiles).
 */
export function styleLayersFor(layer: LayerRecord): LayerSpecification[] {
  return layersByRole(layer).map((spec) => ({ ...spec, 'source-layer': TILE_LAYER }) as LayerSpecification);
}

function layersByRole(layer: LayerRecord): LayerSpecification[] {
  const source = sourceId(layer.id);
  const visibility = layer.visible ? 'visible' : 'none';
  const o = layer.opacity;
  const polygons: FilterSpecification = ['==', ['geometry-type'], 'Polygon'];
  switch (layer.role) {
    case 'parcels':
      return [
        {
          id: `${layer.id}:fill`,
          type: 'fill',
          source,
          filter: polygons,
          layout: { visibility },
          // Below OUTLINE_MIN_ZOOM the fill's own 1 px antialiasing edge (in the parcel's colour)
          // keeps small parcels visible; from there on the outline layer draws the edges.
          paint: {
            'fill-color': categoryColor() as never,
            'fill-opacity': 0.75 * o,
            'fill-antialias': ['step', ['zoom'], true, OUTLINE_MIN_ZOOM, false],
          },
        },
        {
          // Small parcels at the overview zooms come as points (io/vector-tiles, OVERVIEW_MAX_ZOOM):
          // a dot in the parcel's colour, ringed when a check flags it.
          id: `${layer.id}:points`,
          type: 'circle',
          source,
          filter: ['==', ['geometry-type'], 'Point'],
          layout: { visibility },
          paint: {
            'circle-color': categoryColor() as never,
            'circle-radius': 2.5,
            'circle-opacity': 0.9 * o,
            'circle-stroke-color': [
              'case',
              ['==', ['get', 'conflict'], true],
              '#ff0033',
              CONTROL_COLORS['development-boundary'],
            ],
            'circle-stroke-width': [
              'case',
              ['any', ['==', ['get', 'conflict'], true], ['==', ['get', 'outside'], true]],
              1.5,
              0,
            ],
            'circle-stroke-opacity': o,
          },
        },
        {
          id: `${layer.id}:outline`,
          type: 'line',
          source,
          minzoom: OUTLINE_MIN_ZOOM,
          layout: { visibility },
          paint: { 'line-color': '#3b3f45', 'line-width': 0.6, 'line-opacity': 0.8 * o },
        },
        {
          id: `${layer.id}:outside`,
          type: 'line',
          source,
          filter: ['==', ['get', 'outside'], true],
          layout: { visibility },
          paint: {
            'line-color': CONTROL_COLORS['development-boundary'],
            'line-width': 2,
            'line-dasharray': [2, 1],
            'line-opacity': o,
          },
        },
        {
          id: `${layer.id}:conflict`,
          type: 'line',
          source,
          filter: ['==', ['get', 'conflict'], true],
          layout: { visibility },
          paint: { 'line-color': '#ff0033', 'line-width': 2.5, 'line-opacity': o },
        },
      ];
    case 'development-boundary':
      return [
        {
          id: `${layer.id}:line`,
          type: 'line',
          source,
          layout: { visibility, 'line-join': 'round' },
          paint: {
            'line-color': CONTROL_COLORS[layer.role],
            'line-width': 2.5,
            'line-dasharray': [3, 2],
            'line-opacity': o,
          },
        },
      ];
    case 'permanent-farmland':
      return [
        {
          id: `${layer.id}:fill`,
          type: 'fill',
          source,
          filter: polygons,
          layout: { visibility },
          paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': o, 'fill-antialias': false },
        },
        {
          id: `${layer.id}:line`,
          type: 'line',
          source,
          layout: { visibility },
          paint: { 'line-color': CONTROL_COLORS[layer.role], 'line-width': 1, 'line-opacity': o },
        },
      ];
    case 'ecological-redline':
      return [
        {
          id: `${layer.id}:fill`,
          type: 'fill',
          source,
          layout: { visibility },
          paint: {
            'fill-color': CONTROL_COLORS[layer.role],
            'fill-opacity': 0.25 * o,
            'fill-antialias': false,
          },
        },
        {
          id: `${layer.id}:line`,
          type: 'line',
          source,
          layout: { visibility },
          paint: { 'line-color': CONTROL_COLORS[layer.role], 'line-width': 2, 'line-opacity': o },
        },
      ];
    case 'park':
    case 'reference':
      return [
        {
          id: `${layer.id}:line`,
          type: 'line',
          source,
          layout: { visibility },
          paint: { 'line-color': CONTROL_COLORS[layer.role], 'line-width': 2, 'line-opacity': o },
        },
      ];
  }
}

/** Diagonal hatch for permanent farmland, as raw RGBA (no canvas, no network). */
export function hatchPattern(size = 12): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const onStripe = (x + y) % size < 2;
      const i = (y * size + x) * 4;
      data[i] = 46;
      data[i + 1] = 139;
      data[i + 2] = 87;
      data[i + 3] = onStripe ? 200 : 40;
    }
  }
  return { width: size, height: size, data };
}

export const PIECES_SOURCE = 'overlap-pieces';

/** Overlapping pieces of the selected parcel, coloured by the control role they overlap. */
export function piecesLayers(): LayerSpecification[] {
  const color: unknown[] = ['match', ['get', 'role']];
  for (const [role, value] of Object.entries(CONTROL_COLORS)) color.push(role, value);
  color.push('#000000');
  return [
    {
      id: `${PIECES_SOURCE}:fill`,
      type: 'fill',
      source: PIECES_SOURCE,
      paint: { 'fill-color': color as never, 'fill-opacity': 0.65 },
    },
    {
      id: `${PIECES_SOURCE}:line`,
      type: 'line',
      source: PIECES_SOURCE,
      paint: { 'line-color': '#111111', 'line-width': 1.5 },
    },
  ];
}

export const SELECTED_SOURCE = 'selected-parcel';

/**
 * The selected parcel's outline, from its own one-feature source: a highlight layer over the whole
 * county (feature-state opacity) would cost a line pass over every parcel in every frame.
 */
export function selectedLayers(): LayerSpecification[] {
  return [
    {
      id: `${SELECTED_SOURCE}:line`,
      type: 'line',
      source: SELECTED_SOURCE,
      paint: { 'line-color': '#00e5ff', 'line-width': 3.5 },
    },
  ];
}

/**
 * The map filter of the parcel layers for the chosen view. The overview merges crowded dots only
 * among parcels with the same flags (io/vector-tiles/layer-tiles, DOT_MERGE): a filter on another
 * property must be added to that merge's kind, or it would miss parcels merged into other dots.
 */
export function parcelFilterExpression(
  filter: 'all' | 'conflict' | 'outside' | 'boundary-error',
): FilterSpecification | null {
  if (filter === 'all') return null;
  const property = filter === 'boundary-error' ? 'boundaryError' : filter;
  return ['==', ['get', property], true];
}

/** The parts of a parcel layer that the view's filter applies to (ids `${layer.id}:${part}`). */
export const FILTERED_PARCEL_PARTS = ['fill', 'points', 'outline', 'outside', 'conflict'] as const;

/** A parcel layer part's filter: what the part always keeps, and the view's filter (null: none). */
export function parcelPartFilter(
  part: (typeof FILTERED_PARCEL_PARTS)[number],
  view: FilterSpecification | null,
): FilterSpecification | null {
  const base: FilterSpecification | null =
    part === 'outside'
      ? ['==', ['get', 'outside'], true]
      : part === 'conflict'
        ? ['==', ['get', 'conflict'], true]
        : part === 'fill'
          ? ['==', ['geometry-type'], 'Polygon']
          : part === 'points'
            ? ['==', ['geometry-type'], 'Point']
            : null;
  return base && view ? (['all', base, view] as FilterSpecification) : (base ?? view);
}
