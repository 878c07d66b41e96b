import type { Page } from '@playwright/test';
import { decodeChunk, type StoredChunk } from '../../src/db/chunk-codec';

/** A GeoJSON FeatureCollection of `count` small square parcels in a grid east of `x0` (WGS84). */
export function generatedParcels(
  count: number,
  x0: number,
  properties: (i: number) => Record<string, unknown> = (i) => ({ ZDDM: `GEN${String(i).padStart(6, '0')}` }),
): { type: 'FeatureCollection'; features: unknown[] } {
  const side = Math.ceil(Math.sqrt(count));
  const step = 0.0012;
  const size = 0.001;
  const features = Array.from({ length: count }, (_, i) => {
    const x = x0 + (i % side) * step;
    const y = 25.2 + Math.floor(i / side) * step;
    return {
      type: 'Feature',
      properties: properties(i),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + size, y],
            [x + size, y + size],
            [x, y + size],
            [x, y],
          ],
        ],
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

export interface StoredLayer {
  id: string;
  name: string;
  role: string;
  featureCount: number;
  /** Items in the layer's chunks, counted in IndexedDB. */
  parcels: number;
  distinctIds: number;
}

/**
 * What IndexedDB holds, read with the raw API in the page (independent of the app's repositories).
 * Never creates the database: returns null when it does not exist.
 */
export interface StoredSnapshot {
  layers: StoredLayer[];
  patrols: { id: string; parcelId: string; notes: string; photoIds: string[] }[];
  photoIds: string[];
  drafts: { key: string; value: unknown }[];
  orphanChunks: number;
}

export async function storedSnapshot(page: Page): Promise<StoredSnapshot | null> {
  const raw = await page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('landstock')) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('landstock');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) {
          resolve([]);
          return;
        }
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    try {
      const layers = await all<{ id: string; name: string; role: string; featureCount: number }>('layers');
      const chunks = await all<unknown>('layerChunks');
      const patrols = await all<{ id: string; parcelId: string; notes: string; photoIds: string[] }>(
        'patrols',
      );
      const photos = await all<{ id: string }>('photos');
      const drafts = await all<{ key: string; value: unknown }>('drafts');
      return {
        layers,
        chunks,
        patrols: patrols.map((p) => ({
          id: p.id,
          parcelId: p.parcelId,
          notes: p.notes,
          photoIds: p.photoIds,
        })),
        photoIds: photos.map((p) => p.id),
        drafts: drafts.map((d) => ({ key: d.key, value: d.value })),
      };
    } finally {
      db.close();
    }
  });
  if (!raw) return null;
  // Stored chunks may be packed: decoded here with the app's own codec (typed arrays survive
  // page.evaluate), so any page of the origin can take a snapshot.
  const chunks = raw.chunks.map((stored) => decodeChunk(stored as StoredChunk));
  const { layers } = raw;
  return {
    layers: layers.map((layer) => {
      const items: { id?: string }[] = chunks
        .filter((c) => c.layerId === layer.id)
        .flatMap((c) => c.items as { id?: string }[]);
      return {
        id: layer.id,
        name: layer.name,
        role: layer.role,
        featureCount: layer.featureCount,
        parcels: items.length,
        distinctIds: new Set(items.map((item, i) => item.id ?? `#${i}`)).size,
      };
    }),
    patrols: raw.patrols,
    photoIds: raw.photoIds,
    drafts: raw.drafts,
    // Chunks without their layer record would be a torn import.
    orphanChunks: chunks.filter((c) => !layers.some((l) => l.id === c.layerId)).length,
  };
}

export async function storedLayerCounts(page: Page): Promise<StoredLayer[]> {
  return (await storedSnapshot(page))?.layers ?? [];
}
