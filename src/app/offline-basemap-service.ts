import { addProtocol } from 'maplibre-gl';
import { PMTiles } from 'pmtiles';
import { BlobSource, readPmtilesInfo } from '../io/pmtiles.reader';
import { AppError } from '../shared/errors';
import type { OfflineBasemap, OfflineBasemapService } from '../store/basemap-slice';

/**
 * Keeps the offline basemap (one PMTiles archive) in the origin private file system and serves its
 * tiles to MapLibre through the `pmtiles://` protocol: a custom protocol runs on the main thread
 * and reads Blob slices, so no tile is fetched from any host and the CSP stays as it is.
 * Where OPFS cannot be written (older Safari, some WebViews) the picked File is served for this
 * session only, and Settings says so.
 */

const DIRECTORY = 'basemap';
const MANIFEST = 'basemap.json';

interface Manifest {
  /** The OPFS file holding the archive (a new name per save, so a failed save leaves the old one). */
  file: string;
  name: string;
  size: number;
}

/** The archive being served, by its key (at most one). */
const archives = new Map<string, PMTiles>();
let registered = false;
let tilesServed = 0;

/** Tiles answered through the protocol in this page (read-only, for the browser tests). */
export function basemapTilesServed(): number {
  return tilesServed;
}

function registerProtocol(): void {
  if (registered) return;
  registered = true;
  // Our own handler rather than pmtiles' Protocol: an unknown key must never become a fetch.
  addProtocol('pmtiles', async (params, abortController) => {
    const match = /^pmtiles:\/\/([\w-]+)\/(\d+)\/(\d+)\/(\d+)$/.exec(params.url);
    const archive = match?.[1] ? archives.get(match[1]) : undefined;
    if (!match || !archive) throw new Error(`No offline basemap at ${params.url}`);
    const tile = await archive.getZxy(
      Number(match[2]),
      Number(match[3]),
      Number(match[4]),
      abortController.signal,
    );
    if (!tile) return { data: new Uint8Array(0) }; // outside the archive: an empty (transparent) tile
    tilesServed++;
    return { data: new Uint8Array(tile.data) };
  });
}

/** Serves an archive under a fresh key (a replaced archive never hits MapLibre's or pmtiles' caches). */
function serve(
  blob: Blob,
  name: string,
  kept: OfflineBasemap['kept'],
  info: Awaited<ReturnType<typeof readPmtilesInfo>>,
): OfflineBasemap {
  registerProtocol();
  const key = `basemap-${Date.now().toString(36)}`;
  archives.clear();
  archives.set(key, new PMTiles(new BlobSource(blob, key)));
  return { ...info, name, size: blob.size, url: `pmtiles://${key}`, kept };
}

async function directory(storage: StorageManager | undefined, create: boolean) {
  if (typeof storage?.getDirectory !== 'function') return null;
  const root = await storage.getDirectory();
  return root.getDirectoryHandle(DIRECTORY, { create });
}

async function writeFile(dir: FileSystemDirectoryHandle, name: string, data: Blob | string): Promise<void> {
  const handle = await dir.getFileHandle(name, { create: true });
  if (typeof handle.createWritable !== 'function') throw new Error('No writable OPFS files here');
  const writable = await handle.createWritable();
  try {
    if (typeof data === 'string') await writable.write(data);
    else await data.stream().pipeTo(writable);
    // pipeTo closes the stream; a string write still needs it.
    if (typeof data === 'string') await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

async function removeOthers(dir: FileSystemDirectoryHandle, keep: string[]): Promise<void> {
  const names: string[] = [];
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
  for (const name of names) if (!keep.includes(name)) await dir.removeEntry(name).catch(() => undefined);
}

function isQuota(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

export function createOfflineBasemapService(
  storage: StorageManager | undefined = navigator.storage,
): OfflineBasemapService {
  return {
    async load() {
      const dir = await directory(storage, false).catch(() => null);
      if (!dir) return null;
      let manifest: Manifest;
      try {
        const text = await (await (await dir.getFileHandle(MANIFEST)).getFile()).text();
        manifest = JSON.parse(text) as Manifest;
      } catch {
        return null;
      }
      const file = await (await dir.getFileHandle(manifest.file)).getFile();
      if (file.size !== manifest.size)
        throw new AppError('file-incomplete', `Stored basemap has ${file.size} of ${manifest.size} bytes`);
      return serve(file, manifest.name, 'device', await readPmtilesInfo(file));
    },

    async save(file) {
      // Refused files throw here, before anything is written or replaced.
      const info = await readPmtilesInfo(file);
      let dir: FileSystemDirectoryHandle | null = null;
      try {
        dir = await directory(storage, true);
      } catch {
        dir = null;
      }
      if (!dir) return serve(file, file.name, 'session', info);
      const stored = `archive-${Date.now().toString(36)}.pmtiles`;
      try {
        await writeFile(dir, stored, file);
        const manifest: Manifest = { file: stored, name: file.name, size: file.size };
        await writeFile(dir, MANIFEST, JSON.stringify(manifest));
      } catch (error) {
        await dir.removeEntry(stored).catch(() => undefined);
        if (isQuota(error))
          throw new AppError('storage-full', 'No room for the basemap file', { size: file.size }, error);
        // OPFS present but not writable from this page: use the file for this session.
        return serve(file, file.name, 'session', info);
      }
      await removeOthers(dir, [stored, MANIFEST]);
      const kept = await (await dir.getFileHandle(stored)).getFile();
      return serve(kept, file.name, 'device', info);
    },

    async remove() {
      archives.clear();
      const dir = await directory(storage, false).catch(() => null);
      if (dir) await removeOthers(dir, []);
    },
  };
}
