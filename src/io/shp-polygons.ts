import { flatPositions, flatRingPolygon, flatSignedArea2, reverseFlatRange } from '../geo/flat-ring';
import type { AreaGeometry, Ring } from '../geo/geometry.types';
import { pointInRing, signedArea2 } from '../geo/validity/polygon.validator';
import type { ShpData } from './shp.reader';

/**
 * Assembles one record's parts into polygons. Shapefiles wind outer rings clockwise and holes
 * counter-clockwise; each hole goes to the smallest shell containing it. A clockwise ring lying
 * inside another shell is a hole written with the wrong winding (RELIABILITY §0.7): it is made a
 * hole and reported. Output winding is RFC 7946 (shells CCW, holes CW).
 */
export function assemblePolygon(
  shp: ShpData,
  record: number,
): { geometry: AreaGeometry; holeWinding: boolean } | undefined {
  const { recordPartStart, partStart, coords } = shp;
  const p0 = recordPartStart[record] as number;
  const p1 = recordPartStart[record + 1] as number;
  if (p1 === p0 + 1) {
    // One ring (most parcels): wound counter-clockwise in place and handed over flat (flat-ring.ts),
    // its GeoJSON built only if something reads it. The reader's coordinates are this layer's own.
    const v0 = partStart[p0] as number;
    const v1 = partStart[p1] as number;
    if (flatSignedArea2(coords, v0, v1) < 0) reverseFlatRange(coords, v0, v1);
    return { geometry: flatRingPolygon(coords, v0, v1), holeWinding: false };
  }
  const rings: Ring[] = [];
  for (let p = p0; p < p1; p++)
    rings.push(flatPositions(coords, partStart[p] as number, partStart[p + 1] as number));
  if (rings.length === 0) return undefined;
  const areas = rings.map(signedArea2);
  let shells = rings.map((_, i) => i).filter((i) => (areas[i] as number) < 0);
  let holes = rings.map((_, i) => i).filter((i) => (areas[i] as number) >= 0);
  if (shells.length === 0) {
    // Wound the wrong way throughout (some writers do): read every ring as a shell.
    shells = holes;
    holes = [];
  }
  let holeWinding = false;
  // Largest shells first, so a clockwise ring inside another is found to be a hole.
  shells.sort((a, b) => Math.abs(areas[b] as number) - Math.abs(areas[a] as number));
  const firstInside = (inner: Ring, outer: Ring): boolean => {
    const q = inner[0] as number[];
    const r = inner[Math.floor(inner.length / 2)] as number[];
    return (
      pointInRing(q[0] as number, q[1] as number, outer) || pointInRing(r[0] as number, r[1] as number, outer)
    );
  };
  const trueShells: number[] = [];
  for (const s of shells) {
    const container = trueShells.find((t) => firstInside(rings[s] as Ring, rings[t] as Ring));
    if (container !== undefined) {
      holes.push(s);
      holeWinding = true;
    } else {
      trueShells.push(s);
    }
  }
  const polygons = new Map<number, Ring[]>();
  for (const s of trueShells) {
    const shell = rings[s] as Ring;
    if ((areas[s] as number) < 0) shell.reverse();
    polygons.set(s, [shell]);
  }
  for (const h of holes) {
    const hole = rings[h] as Ring;
    // Smallest containing shell; a hole outside every shell stays with the first for the validator to flag.
    let best: number | undefined;
    for (const s of trueShells) {
      if (
        firstInside(hole, rings[s] as Ring) &&
        (best === undefined || Math.abs(areas[s] as number) < Math.abs(areas[best] as number))
      )
        best = s;
    }
    if (signedArea2(hole) > 0) hole.reverse();
    polygons.get(best ?? (trueShells[0] as number))?.push(hole);
  }
  const list = [...polygons.values()];
  const geometry: AreaGeometry =
    list.length === 1
      ? { type: 'Polygon', coordinates: list[0] as Ring[] }
      : { type: 'MultiPolygon', coordinates: list };
  return { geometry, holeWinding };
}
