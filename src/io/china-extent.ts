import { flatRingBounds, flatRingOf } from '../geo/flat-ring';
import type { AreaGeometry } from '../geo/geometry.types';
import type { ImportedLayer, ImportNote } from './import.types';

/**
 * China's mainland and islands lie within 73–136°E and 3–54°N (issue #3, RELIABILITY.md test 64).
 * A parcel outside this box almost always means a wrong coordinate system (swapped axes, a
 * geographic CRS over projected numbers, a wrong zone), not land elsewhere.
 */
export const CHINA_EXTENT = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;

const MAX_RECORDS = 100;

function outsideChina(geometry: AreaGeometry): boolean {
  const flat = flatRingOf(geometry);
  if (flat?.clean) {
    // The same test over the flat positions (validated: all finite), its GeoJSON not built for it.
    const [minLon, minLat, maxLon, maxLat] = flatRingBounds(flat);
    return !(
      minLon >= CHINA_EXTENT.minLon &&
      maxLon <= CHINA_EXTENT.maxLon &&
      minLat >= CHINA_EXTENT.minLat &&
      maxLat <= CHINA_EXTENT.maxLat
    );
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const p of ring) {
        const lon = p[0] as number;
        const lat = p[1] as number;
        if (
          !(lon >= CHINA_EXTENT.minLon && lon <= CHINA_EXTENT.maxLon) ||
          !(lat >= CHINA_EXTENT.minLat && lat <= CHINA_EXTENT.maxLat)
        )
          return true;
      }
  return false;
}

/**
 * Counts a layer's features with any vertex outside China; when there are some, the layer's CRS
 * must be confirmed before anything is stored and a warning names the count and the likely cause.
 */
export function checkChinaExtent(layer: ImportedLayer): ImportNote | undefined {
  const records: number[] = [];
  let count = 0;
  for (const feature of layer.features) {
    if (!outsideChina(feature.geometry)) continue;
    count++;
    if (records.length < MAX_RECORDS) records.push(feature.record);
  }
  if (count === 0) return undefined;
  layer.crsNeedsConfirmation = true;
  const all = count === layer.features.length;
  return {
    code: 'crs-outside-china',
    severity: 'warning',
    message:
      `${all ? 'All' : count} of ${layer.features.length} features of ${layer.name} lie outside China ` +
      `(longitude 73–136°E, latitude 3–54°N) in ${layer.crs.name}. The coordinate system may be wrong: ` +
      'check it, or re-read the file with the right one, before importing.',
    layer: layer.name,
    records,
    count,
  };
}
