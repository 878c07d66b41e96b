import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { LayerRecord } from '../domain/layer';
import { LAYER_ROLES } from '../domain/parcel';
import type { GroupClass } from '../domain/reports/group-classes';
import { TILE_MAX_ZOOM, tileUrlTemplate } from '../store/map-tiles';
import { groupFillColor } from './group-coloring';
import {
  BASEMAP_SOURCE,
  baseStyle,
  categoryColor,
  FILTERED_PARCEL_PARTS,
  PIECES_SOURCE,
  parcelFilterExpression,
  parcelPartFilter,
  piecesLayers,
  SELECTED_SOURCE,
  selectedLayers,
  sourceId,
  styleLayersFor,
} from './style';
import { WALK_SOURCE, walkLayers } from './walk-layer';

// What the map controller gives MapLibre, checked with MapLibre's own style-spec validator in every
// variant it produces (roles, visibility, the view's filters, category and group colours). At run
// time MapLibre rejects an invalid layer or value with an error event, which the app shows the user:
// here it fails a test instead.

const layer = (role: LayerRecord['role'], visible = true): LayerRecord => ({
  id: `L-${role}-${visible ? 'on' : 'off'}`,
  name: role,
  role,
  source: 'test',
  featureCount: 1,
  visible,
  opacity: 0.7,
  order: 0,
  nextSeq: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const CLASSES: GroupClass[] = [
  { key: '批而未供', other: false, count: 3, areaM2: 300 },
  { key: '', other: false, count: 2, areaM2: 200 },
  { key: '', other: true, count: 1, areaM2: 100 },
];

/** The whole style as the controller builds it: base, every role, overlays, walk. */
function fullStyle(records: LayerRecord[], parcelLayer: (spec: LayerSpecification) => LayerSpecification) {
  const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };
  const style: StyleSpecification = baseStyle('https://tiles.example/{z}/{x}/{y}.png');
  for (const record of records) {
    style.sources[sourceId(record.id)] = {
      type: 'vector',
      tiles: [tileUrlTemplate(record.id, '1.0')],
      maxzoom: TILE_MAX_ZOOM,
    };
    for (const spec of styleLayersFor(record))
      style.layers.push(record.role === 'parcels' ? parcelLayer(spec) : spec);
  }
  for (const [source, specs] of [
    [PIECES_SOURCE, piecesLayers()],
    [SELECTED_SOURCE, selectedLayers()],
    [WALK_SOURCE, walkLayers()],
  ] as const) {
    style.sources[source] = empty;
    style.layers.push(...specs);
  }
  return style;
}

const errorsOf = (style: StyleSpecification) => validateStyleMin(style).map((e) => e.message);

describe('the map style we build', () => {
  const records = LAYER_ROLES.flatMap((role) => [layer(role), layer(role, false)]);

  it('is valid for every role, shown and hidden, with the online basemap', () => {
    const style = fullStyle(records, (spec) => spec);
    expect(style.sources[BASEMAP_SOURCE]).toBeDefined();
    expect(style.layers.length).toBeGreaterThan(2 * LAYER_ROLES.length);
    expect(errorsOf(style)).toEqual([]);
  });

  it('is valid with each view filter on each filtered part, and with category or group colours', () => {
    const part = (id: string) => id.slice(id.lastIndexOf(':') + 1);
    for (const view of ['all', 'conflict', 'outside', 'boundary-error'] as const)
      for (const colors of [
        categoryColor(),
        groupFillColor(CLASSES),
        // No class of its own: an empty layer, or every parcel in "other".
        groupFillColor([]),
        groupFillColor(CLASSES.filter((c) => c.other)),
      ]) {
        let filtered = 0;
        const style = fullStyle(records, (spec) => {
          const p = part(spec.id) as (typeof FILTERED_PARCEL_PARTS)[number];
          const out = { ...spec } as LayerSpecification & { filter?: FilterSpecification; paint?: object };
          if (FILTERED_PARCEL_PARTS.includes(p)) {
            filtered++;
            const filter = parcelPartFilter(p, parcelFilterExpression(view));
            if (filter) out.filter = filter;
            else delete out.filter;
          }
          if (out.type === 'fill') out.paint = { ...out.paint, 'fill-color': colors as never };
          if (out.type === 'circle') out.paint = { ...out.paint, 'circle-color': colors as never };
          return out;
        });
        expect(filtered).toBeGreaterThan(0);
        expect(errorsOf(style), `${view}`).toEqual([]);
      }
  });

  it('the validator does reject a broken layer (so the checks above can fail)', () => {
    const style = fullStyle([layer('parcels')], (spec) =>
      spec.type === 'fill'
        ? ({ ...spec, filter: ['==', ['get', 'conflict']] } as unknown as LayerSpecification)
        : spec,
    );
    expect(errorsOf(style).length).toBeGreaterThan(0);
    expect(
      errorsOf({ ...baseStyle(''), layers: [{ id: 'x', type: 'fill', source: 'nowhere' }] }),
    ).not.toEqual([]);
  });
});
