import type { ParcelRecord } from '../domain/parcel';
import { ConsumedCoordinates } from '../geo/consumed-coordinates';
import type { PackedGeometry } from '../geo/packed-geometry';
import { type TransferableParcels, toTransferable, transferList } from '../io/vector-tiles/parcel-transfer';

/**
 * What an import worker sends on a staging port, once: the parcel layers it is writing, as the map
 * reads them, each in parts as it is stored (one per chunk). One message for them all: their
 * geometries may be views of one buffer (the importer's coordinates), which can be moved only once.
 */
export interface StagedLayerMessage {
  layers: { layerId: string; parts: TransferableParcels[] }[];
}

/**
 * The parcel layers as the map's worker takes them (parcel-transfer: the few fields the map and the
 * summaries use, in columns; geometries as packed for storage, moved), one part per stored chunk,
 * built as each chunk is stored and posted while IndexedDB commits: the map's worker takes them in
 * meanwhile, and loads the layers after the commit without reading them back. The storage frees a
 * chunk's packed arrays after the call: their copies go over the importer's consumed coordinates
 * (ConsumedCoordinates; the session's read is gone once a commit starts), and that array moves to
 * the map's worker with them.
 */
export class MapStaging {
  /** Per layer: its parts so far, and where their coordinates go. */
  private readonly layers = new Map<
    string,
    { parts: TransferableParcels[]; coordinates: ConsumedCoordinates }
  >();
  constructor(private readonly port: MessagePort) {}
  add(layerId: string, records: readonly ParcelRecord[], geometry: PackedGeometry | null): void {
    let layer = this.layers.get(layerId);
    if (!layer) {
      layer = { parts: [], coordinates: new ConsumedCoordinates() };
      this.layers.set(layerId, layer);
    }
    const kept = geometry
      ? layer.coordinates.keep(
          geometry,
          records.map((r) => r.geometry),
        )
      : undefined;
    layer.parts.push(toTransferable(records, kept));
  }
  post(): void {
    const layers = [...this.layers].map(([layerId, { parts }]) => ({ layerId, parts }));
    if (layers.length === 0) return;
    const message: StagedLayerMessage = { layers };
    this.port.postMessage(message, transferList(layers.flatMap((layer) => layer.parts)));
  }
}
