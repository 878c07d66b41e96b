import type { AreaGeometry } from '../geo/geometry.types';
import type { LayerRole, ParcelRecord } from './parcel';

/** A layer the user has: the demo county's, an import, or the layer of parcels drawn in the field. */
export interface LayerRecord {
  id: string;
  name: string;
  role: LayerRole;
  /** Where it came from: a file name, 'demo', or 'drawn'. */
  source: string;
  featureCount: number;
  /** Encoding the attributes were decoded with (shapefiles), e.g. 'gbk'. */
  encoding?: string;
  /** Coordinate system of the source, as a human-readable name (everything is stored in lon/lat). */
  crs?: string;
  visible: boolean;
  opacity: number;
  /** Draw order, lower first. */
  order: number;
  /** Next sequence number for parcel ids in this layer. */
  nextSeq: number;
  createdAt: string;
}

/** A feature of a non-parcel layer (control lines, parks, reference): attributes kept as they came. */
export interface LayerFeature {
  id: string;
  geometry: AreaGeometry;
  properties: Record<string, unknown>;
  areaM2: number;
}

/** Parcel ids are `${layerId}#${seq}`: the sequence number tells the storage chunk without a lookup. */
export function parcelId(layerId: string, seq: number): string {
  return `${layerId}#${seq}`;
}

/** Splits a parcel or feature id into its layer id and sequence number. */
export function parseFeatureId(id: string): { layerId: string; seq: number } | undefined {
  const hash = id.lastIndexOf('#');
  if (hash <= 0) return undefined;
  const seq = Number(id.slice(hash + 1));
  if (!Number.isInteger(seq) || seq < 0) return undefined;
  return { layerId: id.slice(0, hash), seq };
}

/** What a layer holds: parcels (our records) or plain features (control and reference layers). */
export type LayerContent =
  | { kind: 'parcels'; items: ParcelRecord[] }
  | { kind: 'features'; items: LayerFeature[] };

/** A layer ready to store: built off the UI thread (workers) from a file or the demo data. */
export interface PreparedLayer {
  layer: LayerRecord;
  content: LayerContent;
}

/**
 * A parcel layer whose records are made while they are stored, in chunks of the size storage asks
 * for: the import's prepare runs chunk by chunk inside the write, so a county's records (and their
 * checks) never all live at once. Each chunk but the last holds exactly `size` records, numbered on
 * from the previous chunk's (parcelId's sequence). `layer`'s featureCount and nextSeq are complete
 * only once the chunks are exhausted (storage sets them from what it stored).
 */
export interface StreamedParcelLayer {
  layer: LayerRecord;
  chunks: (size: number) => Iterable<ParcelRecord[]>;
}
