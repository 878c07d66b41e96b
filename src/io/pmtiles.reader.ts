/**
 * Reads a local PMTiles v3 archive (an offline basemap) from a Blob — a picked File or a file kept
 * in the origin private file system — with the pmtiles package over Blob.slice ranges: no network,
 * and the archive is never read into memory as a whole.
 */
import { Compression, type Header, PMTiles, type RangeResponse, type Source, TileType } from 'pmtiles';
import { AppError } from '../shared/errors';
import { attributionText } from './attribution-text';

export type BasemapTileType = 'png' | 'jpeg' | 'webp' | 'mvt';

/** What Settings shows and the map needs to draw an archive. */
export interface PmtilesInfo {
  tileType: BasemapTileType;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  /** [lon, lat, zoom]. */
  center: [number, number, number];
  /** Addressed tiles (as the header says). */
  tileCount: number;
  /** Vector layer names (MVT archives with TileJSON metadata); empty otherwise. */
  vectorLayers: string[];
  /** The metadata's attribution as plain text (tags dropped; see attribution-text.ts); '' when none. */
  attribution: string;
}

/** Why a file was refused: the UI picks a message by it. */
export type PmtilesProblem = 'not-pmtiles' | 'version' | 'corrupt' | 'tile-type' | 'compression' | 'empty';

const TILE_TYPES: Partial<Record<TileType, BasemapTileType>> = {
  [TileType.Mvt]: 'mvt',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpeg',
  [TileType.Webp]: 'webp',
};

const HEADER_BYTES = 127;

/** pmtiles' Source over a Blob: each request is one Blob.slice. */
export class BlobSource implements Source {
  constructor(
    private readonly blob: Blob,
    private readonly key: string,
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    signal?.throwIfAborted();
    const data = await this.blob.slice(offset, offset + length).arrayBuffer();
    return { data };
  }
}

function refuse(problem: PmtilesProblem, message: string, cause?: unknown): AppError {
  return new AppError('file-unsupported', message, { problem }, cause);
}

/**
 * Checks a file is a PMTiles v3 archive we can draw and returns what it holds. Everything the map
 * will later rely on is checked here (sections inside the file, a readable root directory, tile
 * type and compression), so a bad file is refused before anything is stored.
 */
export async function readPmtilesInfo(blob: Blob): Promise<PmtilesInfo> {
  if (blob.size < HEADER_BYTES) throw refuse('not-pmtiles', `File too small (${blob.size} bytes)`);
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  if (new TextDecoder().decode(head.subarray(0, 7)) !== 'PMTiles')
    throw refuse('not-pmtiles', 'No PMTiles signature');
  if (head[7] !== 3) throw refuse('version', `PMTiles spec version ${head[7]} (3 is supported)`);

  const archive = new PMTiles(new BlobSource(blob, 'validate'));
  let header: Header;
  try {
    header = await archive.getHeader();
  } catch (error) {
    throw refuse('corrupt', 'Unreadable header or root directory', error);
  }
  checkSections(header, blob.size);
  const tileType = TILE_TYPES[header.tileType];
  if (!tileType) throw refuse('tile-type', `Tile type ${header.tileType} is not supported`);
  const supported = [Compression.None, Compression.Unknown, Compression.Gzip];
  if (!supported.includes(header.internalCompression) || !supported.includes(header.tileCompression))
    throw refuse('compression', 'Brotli or Zstandard compression is not supported');
  if (header.numAddressedTiles === 0) throw refuse('empty', 'The archive holds no tiles');

  // The root directory must decode into sorted entries that point inside their sections.
  let entries: Awaited<ReturnType<typeof archive.cache.getDirectory>>;
  try {
    entries = await archive.cache.getDirectory(
      archive.source,
      header.rootDirectoryOffset,
      header.rootDirectoryLength,
      header,
    );
  } catch (error) {
    throw refuse('corrupt', 'Unreadable root directory', error);
  }
  let lastId = -1;
  for (const entry of entries) {
    const section =
      entry.runLength > 0
        ? { offset: header.tileDataOffset, length: header.tileDataLength ?? 0 }
        : { offset: header.leafDirectoryOffset, length: header.leafDirectoryLength ?? 0 };
    if (
      entry.tileId <= lastId ||
      entry.length <= 0 ||
      entry.offset + entry.length > section.length ||
      section.offset + entry.offset + entry.length > blob.size
    )
      throw refuse('corrupt', 'A directory entry points outside the archive');
    lastId = entry.tileId;
  }

  const metadata = await readMetadata(archive);
  return {
    tileType,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    center: [header.centerLon, header.centerLat, header.centerZoom],
    tileCount: header.numAddressedTiles,
    vectorLayers: vectorLayerNames(metadata),
    attribution: attributionText(metadata.attribution),
  };
}

function checkSections(header: Header, size: number): void {
  const sections: [number, number][] = [
    [header.rootDirectoryOffset, header.rootDirectoryLength],
    [header.jsonMetadataOffset, header.jsonMetadataLength],
    [header.leafDirectoryOffset, header.leafDirectoryLength ?? 0],
    [header.tileDataOffset, header.tileDataLength ?? 0],
  ];
  for (const [offset, length] of sections) {
    if (!Number.isFinite(offset + length) || offset < 0 || length < 0 || offset + length > size)
      throw refuse('corrupt', 'A section lies outside the file (truncated?)');
  }
  if (header.rootDirectoryLength === 0) throw refuse('corrupt', 'No root directory');
  const boundsOk =
    header.minLon >= -180 &&
    header.maxLon <= 180 &&
    header.minLat >= -90 &&
    header.maxLat <= 90 &&
    header.minLon < header.maxLon &&
    header.minLat < header.maxLat;
  if (!boundsOk || header.minZoom > header.maxZoom || header.maxZoom > 30)
    throw refuse('corrupt', 'Invalid bounds or zoom range');
}

async function readMetadata(archive: PMTiles): Promise<Record<string, unknown>> {
  try {
    const value = await archive.getMetadata();
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    // Metadata is optional for drawing: an unreadable block only loses layer names.
    return {};
  }
}

function vectorLayerNames(metadata: Record<string, unknown>): string[] {
  const layers = metadata.vector_layers;
  if (!Array.isArray(layers)) return [];
  return layers
    .map((l: unknown) => (l && typeof l === 'object' ? (l as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string');
}
