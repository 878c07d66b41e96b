import type { LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';
import type { OfflineBasemap } from '../store/basemap-slice';

/** Source id of the offline basemap; its layers are `offline-basemap:<part>`. */
export const OFFLINE_SOURCE = 'offline-basemap';
const PREFIX = `${OFFLINE_SOURCE}:`;

type Basemap = Pick<OfflineBasemap, 'url' | 'tileType' | 'minZoom' | 'maxZoom' | 'bounds' | 'vectorLayers'>;

/** The source: tiles are read through the `pmtiles://` protocol (no network). */
export function offlineBasemapSource(basemap: Basemap): SourceSpecification {
  const common = {
    tiles: [`${basemap.url}/{z}/{x}/{y}`],
    minzoom: basemap.minZoom,
    maxzoom: basemap.maxZoom,
    bounds: basemap.bounds,
  };
  return basemap.tileType === 'mvt'
    ? { type: 'vector', ...common }
    : { type: 'raster', tileSize: 256, ...common };
}

const WATER = '#aad3df';
const GREEN = '#d8e6c8';
const ROAD = '#ffffff';
const ROAD_CASING = '#c8c2b6';
const BUILDING = '#dcd3cb';
const BOUNDARY = '#9e9cab';

/**
 * A small generic style for vector basemaps in the two common schemas — OpenMapTiles (`water`,
 * `landcover`, `landuse`, `park`, `waterway`, `transportation`, `building`, `boundary`) and
 * Protomaps (`earth`, `natural`, `landuse`, `water`, `roads`, `buildings`, `boundaries`). No labels:
 * glyphs and sprites would need the network. Layers for source layers the archive does not list
 * are left out (all are kept when it lists none).
 */
function vectorLayers(vectorNames: string[]): LayerSpecification[] {
  const source = OFFLINE_SOURCE;
  const width = (min: number, max: number): never =>
    ['interpolate', ['exponential', 1.6], ['zoom'], 5, min, 18, max] as never;
  const specs: (LayerSpecification & { 'source-layer': string })[] = [
    {
      id: `${PREFIX}earth`,
      type: 'fill',
      source,
      'source-layer': 'earth',
      paint: { 'fill-color': '#eef0eb' },
    },
    ...['landcover', 'landuse', 'park', 'natural'].map(
      (layer): LayerSpecification & { 'source-layer': string } => ({
        id: `${PREFIX}${layer}`,
        type: 'fill',
        source,
        'source-layer': layer,
        paint: { 'fill-color': GREEN, 'fill-opacity': 0.6 },
      }),
    ),
    { id: `${PREFIX}water`, type: 'fill', source, 'source-layer': 'water', paint: { 'fill-color': WATER } },
    {
      id: `${PREFIX}waterway`,
      type: 'line',
      source,
      'source-layer': 'waterway',
      paint: { 'line-color': WATER, 'line-width': width(0.5, 4) },
    },
    ...['transportation', 'roads'].flatMap((layer): (LayerSpecification & { 'source-layer': string })[] => [
      {
        id: `${PREFIX}${layer}-casing`,
        type: 'line',
        source,
        'source-layer': layer,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': ROAD_CASING, 'line-width': width(1, 12) },
      },
      {
        id: `${PREFIX}${layer}`,
        type: 'line',
        source,
        'source-layer': layer,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': ROAD, 'line-width': width(0.5, 9) },
      },
    ]),
    ...['building', 'buildings'].map((layer): LayerSpecification & { 'source-layer': string } => ({
      id: `${PREFIX}${layer}`,
      type: 'fill',
      source,
      'source-layer': layer,
      minzoom: 13,
      paint: { 'fill-color': BUILDING, 'fill-outline-color': '#c4b8ac' },
    })),
    ...['boundary', 'boundaries'].map((layer): LayerSpecification & { 'source-layer': string } => ({
      id: `${PREFIX}${layer}`,
      type: 'line',
      source,
      'source-layer': layer,
      paint: { 'line-color': BOUNDARY, 'line-width': 1.2, 'line-dasharray': [3, 2] },
    })),
  ];
  return vectorNames.length === 0 ? specs : specs.filter((s) => vectorNames.includes(s['source-layer']));
}

/** The MapLibre layers drawing the offline basemap. */
export function offlineBasemapLayers(basemap: Basemap): LayerSpecification[] {
  if (basemap.tileType !== 'mvt') return [{ id: `${PREFIX}raster`, type: 'raster', source: OFFLINE_SOURCE }];
  return vectorLayers(basemap.vectorLayers);
}

/** The first layer above the background and the offline basemap: the online basemap goes before it. */
export function firstLayerAboveOfflineBasemap(map: MapLibreMap): string | undefined {
  return map.getStyle().layers.find((l) => l.id !== 'background' && !l.id.startsWith(PREFIX))?.id;
}

/** Replaces the offline basemap on the map (null removes it); it goes under every other layer. */
export function applyOfflineBasemap(map: MapLibreMap, basemap: Basemap | null): void {
  for (const layer of map.getStyle().layers) if (layer.id.startsWith(PREFIX)) map.removeLayer(layer.id);
  if (map.getSource(OFFLINE_SOURCE)) map.removeSource(OFFLINE_SOURCE);
  if (!basemap) return;
  map.addSource(OFFLINE_SOURCE, offlineBasemapSource(basemap));
  const before = map.getStyle().layers.find((l) => l.id !== 'background')?.id;
  for (const spec of offlineBasemapLayers(basemap)) map.addLayer(spec, before);
}
