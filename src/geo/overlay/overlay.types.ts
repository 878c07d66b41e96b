import type Flatbush from 'flatbush';
import type { MultiPolygonGeometry, Ring } from '../geometry.types';

/**
 * A control layer (永久基本农田, 生态保护红线, 城镇开发边界, 园区) prepared for overlay. Coordinates stay in
 * lon/lat: topology is decided there (as every GIS clipper does), areas are measured per parcel on a
 * local equal-area plane. Everything but `polygons` is typed arrays or Flatbush buffers, so a worker
 * can build it once and keep it.
 */
export interface OverlayIndex {
  /** Each layer polygon as [outer, ...holes], lon/lat, rings closed; MultiPolygons are split. */
  readonly polygons: readonly Ring[][];
  /** Input feature each polygon came from. */
  readonly polygonFeature: Uint32Array;
  /** All ring vertices, lon/lat interleaved; every ring repeats its first vertex at the end. */
  readonly coords: Float64Array;
  /** Ring r holds vertices ringOffsets[r] … ringOffsets[r + 1] - 1. */
  readonly ringOffsets: Uint32Array;
  readonly ringPolygon: Uint32Array;
  /** +1 when the ring runs as Green's theorem wants (outer counter-clockwise, hole clockwise), else -1. */
  readonly ringSign: Int8Array;
  /** Outer-ring bounding boxes of the polygons, also as minX, minY, maxX, maxY per polygon. */
  readonly polygonIndex: Flatbush;
  readonly polygonBoxes: Float64Array;
  /**
   * 1 where a polygon's interior may overlap another polygon of the layer (edges cross, or one lies
   * inside the other); parcels meeting two such polygons are clipped against their union.
   */
  readonly polygonOverlaps: Uint8Array;
  /** Runs of up to EDGES_PER_CHUNK consecutive edges of one ring, boxed together. */
  readonly chunkIndex: Flatbush;
  /** First vertex (index into coords / 2) of each chunk's first edge. */
  readonly chunkFirstVertex: Uint32Array;
  readonly chunkEdgeCount: Uint8Array;
  readonly chunkPolygon: Uint32Array;
  readonly chunkRing: Uint32Array;
  /** Features left out of the index, with the reason (never silently). */
  readonly skipped: readonly { feature: number; reason: string }[];
}

/** How a parcel was settled; bench and tests read it to see which path ran. */
export type OverlayPath = 'disjoint' | 'contained' | 'crossing' | 'clipped';

export interface OverlaySuccess {
  ok: true;
  /** Area of the parcel inside the union of the layer's polygons, m² (ellipsoidal). */
  insideM2: number;
  /** The parcel's own ellipsoidal area, m². */
  parcelAreaM2: number;
  path: OverlayPath;
  /** Overlapping pieces, lon/lat, only when asked for (for drawing the selected parcel). */
  pieces?: MultiPolygonGeometry;
}

export interface OverlayFailure {
  ok: false;
  /** Stable code; `detail` carries the caught message if any. */
  reason: 'invalid-geometry' | 'clip-failed' | 'inconsistent-result';
  detail?: string;
}

export type OverlayResult = OverlaySuccess | OverlayFailure;

/** The index before overlap detection: everything point-in-polygon and edge queries need. */
export type LayerGeometryIndex = Omit<OverlayIndex, 'polygonOverlaps'>;
