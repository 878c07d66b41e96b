import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';

export const WALK_SOURCE = 'walk';

/**
 * Draws the boundary being walked (GPS fixes so far) as a line and its points; an empty list
 * clears it. The map's style must have loaded.
 */
export function drawWalk(map: MapLibreMap, points: [number, number][]): void {
  const data: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features:
      points.length === 0
        ? []
        : [
            { type: 'Feature', geometry: { type: 'LineString', coordinates: points }, properties: {} },
            ...points.map((p) => ({
              type: 'Feature' as const,
              geometry: { type: 'Point' as const, coordinates: p },
              properties: {},
            })),
          ],
  };
  const source = map.getSource(WALK_SOURCE) as GeoJSONSource | undefined;
  if (source) {
    source.setData(data);
    return;
  }
  map.addSource(WALK_SOURCE, { type: 'geojson', data });
  for (const spec of walkLayers()) map.addLayer(spec);
}

/** The walked line and its fixes, drawn from the source `walk`. */
export function walkLayers(): LayerSpecification[] {
  return [
    {
      id: `${WALK_SOURCE}:line`,
      type: 'line',
      source: WALK_SOURCE,
      paint: { 'line-color': '#ff6f00', 'line-width': 3 },
    },
    {
      id: `${WALK_SOURCE}:points`,
      type: 'circle',
      source: WALK_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 5,
        'circle-color': '#ff6f00',
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1.5,
      },
    },
  ];
}
