import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { OFFLINE_SOURCE, offlineBasemapLayers, offlineBasemapSource } from './offline-basemap';

const base = {
  url: 'pmtiles://basemap-test',
  minZoom: 0,
  maxZoom: 14,
  bounds: [109, 24, 111, 26] as [number, number, number, number],
  vectorLayers: [] as string[],
};

/** Validates a whole style with MapLibre's own style-spec validator (independent of our code). */
function styleErrors(basemap: Parameters<typeof offlineBasemapSource>[0]) {
  const style = {
    version: 8 as const,
    sources: { [OFFLINE_SOURCE]: offlineBasemapSource(basemap) },
    layers: offlineBasemapLayers(basemap),
  };
  return validateStyleMin(style).map((e) => e.message);
}

describe('offline basemap style', () => {
  it('draws a raster archive as one raster layer over the protocol URL, with its zooms and bounds', () => {
    const raster = { ...base, tileType: 'png' as const };
    expect(offlineBasemapSource(raster)).toEqual({
      type: 'raster',
      tileSize: 256,
      tiles: ['pmtiles://basemap-test/{z}/{x}/{y}'],
      minzoom: 0,
      maxzoom: 14,
      bounds: [109, 24, 111, 26],
    });
    expect(offlineBasemapLayers(raster).map((l) => l.type)).toEqual(['raster']);
    expect(styleErrors(raster)).toEqual([]);
  });

  it('is a valid label-free style for vector archives (no glyphs or sprites needed)', () => {
    const vector = { ...base, tileType: 'mvt' as const };
    const layers = offlineBasemapLayers(vector);
    expect(styleErrors(vector)).toEqual([]);
    expect(layers.some((l) => l.type === 'symbol')).toBe(false);
    // Both common schemas are covered when the archive does not list its layers.
    const sourceLayers = new Set(layers.map((l) => (l as { 'source-layer'?: string })['source-layer']));
    for (const name of ['water', 'landuse', 'transportation', 'roads', 'building', 'buildings', 'boundary'])
      expect(sourceLayers.has(name), name).toBe(true);
  });

  it('keeps only the layers an archive lists (Protomaps schema)', () => {
    const vector = {
      ...base,
      tileType: 'mvt' as const,
      vectorLayers: ['earth', 'water', 'roads', 'buildings'],
    };
    const sourceLayers = offlineBasemapLayers(vector).map(
      (l) => (l as { 'source-layer'?: string })['source-layer'],
    );
    expect(new Set(sourceLayers)).toEqual(new Set(['earth', 'water', 'roads', 'buildings']));
    // Water is drawn before (under) roads, roads before buildings.
    expect(sourceLayers.indexOf('water')).toBeLessThan(sourceLayers.indexOf('roads'));
    expect(sourceLayers.lastIndexOf('roads')).toBeLessThan(sourceLayers.indexOf('buildings'));
  });
});
