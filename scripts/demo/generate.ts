/**
 * Builds the whole demo county in memory: parcels and control layers as GeoJSON text, plus the
 * manifest. Pure and deterministic for a seed, so `npm run demo-data` and the tests agree byte for
 * byte. Used by scripts/demo-data.ts (writes data/demo/) and scripts/demo-data.test.ts.
 */
import Flatbush from 'flatbush';
import geographiclib from 'geographiclib-geodesic';
import proj4 from 'proj4';
import { writeShapefile, zipShapefile } from '../../src/io/shapefile-writer';
import {
  CATEGORY_LABELS,
  type CategoryLabel,
  PARCEL_FIELDS,
  type Properties,
  parcelProperties,
  REFERENCE_DATE,
  type Sequence,
  townSubdistrict,
  villageName,
} from './attributes';
import { buildLandscape, buildLots, type Lot, radialRing } from './layout';
import { COUNTY, TOWNSHIPS } from './names';
import {
  ccw,
  centroid,
  cw,
  insetConvex,
  nearRing,
  type Pt,
  pointInRing,
  type Ring,
  ringBox,
  ringsIntersect,
  rotate,
  segmentsIntersect,
  selfIntersects,
} from './planar';
import { createRandom, type Random } from './random';

/** File name of the zipped GK/GBK shapefile of the parcels. */
export const SHAPEFILE_ZIP = 'parcels-gk-gbk.zip';

/** ESRI WKT of EPSG:4525, as `gdalsrsinfo -o wkt_esri EPSG:4525` and ArcGIS write it. */
export const GK_ZONE_37_ESRI_WKT =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_37",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",37500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const gkZone37 = proj4(
  '+proj=tmerc +lat_0=0 +lon_0=111 +k=1 +x_0=37500000 +y_0=0 +ellps=GRS80 +units=m +no_defs',
);

/** lon/lat → CGCS2000 3-degree Gauss-Kruger zone 37 (CM 111°E, easting prefixed with 37). */
export function projectGkZone37(lon: number, lat: number): [number, number] {
  const [x = Number.NaN, y = Number.NaN] = gkZone37.forward([lon, lat]);
  // Millimetres are the precision of survey coordinates; fewer digits keep the zip small.
  return [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
}

/** The default seed of the committed demo data. */
export const DEFAULT_SEED = 20261121;

/** Geographic centre of the county seat (CGCS2000 lon/lat). */
export const ORIGIN: Pt = [110.3, 25.3];

const MU = 10000 / 15;
const TAU = Math.PI * 2;

/** Local metres ↔ lon/lat: a transverse Mercator centred on the county seat (scale 1 there). */
const local = proj4('+proj=tmerc +lat_0=25.3 +lon_0=110.3 +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs');
const CGCS2000 = new geographiclib.Geodesic.Geodesic(6378137, 1 / 298.257222101);

type LonLat = [number, number];
type GeoPolygon = LonLat[][];

const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

function toLonLat(p: Pt): LonLat {
  const [lon = 0, lat = 0] = local.inverse([p[0], p[1]]);
  return [round7(lon), round7(lat)];
}

/** GeoJSON ring: lon/lat, rounded, closed. */
function geoRing(ring: Ring): LonLat[] {
  const out = ring.map(toLonLat);
  out.push([out[0]![0], out[0]![1]]);
  return out;
}

/** Polygons (each [outer, ...holes], outer CCW and holes CW per RFC 7946) in lon/lat. */
function geoPolygons(polygons: Ring[][]): GeoPolygon[] {
  return polygons.map((rings) => rings.map((ring, i) => geoRing(i === 0 ? ccw(ring) : cw(ring))));
}

/** Ellipsoidal (geodesic-edge) area in m² of lon/lat polygons on the CGCS2000 ellipsoid. */
export function ellipsoidalArea(polygons: GeoPolygon[]): number {
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const polygon = CGCS2000.Polygon(false);
      for (const [lon, lat] of ring.slice(0, -1)) polygon.AddPoint(lat, lon);
      const area = Math.abs(polygon.Compute(false, true).area ?? 0);
      total += i === 0 ? area : -area;
    });
  }
  return total;
}

interface Feature {
  geometry:
    | { type: 'Polygon'; coordinates: GeoPolygon }
    | { type: 'MultiPolygon'; coordinates: GeoPolygon[] };
  properties: Properties;
}

function featureOf(polygons: Ring[][], properties: Properties): Feature {
  const coords = geoPolygons(polygons);
  return {
    geometry:
      coords.length === 1
        ? { type: 'Polygon', coordinates: coords[0]! }
        : { type: 'MultiPolygon', coordinates: coords },
    properties,
  };
}

/** A FeatureCollection as text: one feature per line, so diffs of regenerated data stay readable. */
function collectionText(features: Feature[]): string {
  const lines = features.map((f) =>
    JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }),
  );
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/** Spatial index over rings (metres) for "does this new shape touch anything already placed". */
class RingIndex {
  private readonly rings: Ring[] = [];
  private index: Flatbush | undefined;
  add(ring: Ring): void {
    this.rings.push(ring);
    this.index = undefined;
  }
  addAll(rings: Ring[]): void {
    for (const r of rings) this.add(r);
  }
  /** True when `ring` shares a point with any indexed ring, or comes closer than `margin`. */
  hits(ring: Ring, margin = 0): boolean {
    if (this.rings.length === 0) return false;
    if (!this.index) {
      this.index = new Flatbush(this.rings.length);
      for (const r of this.rings) {
        const b = ringBox(r);
        this.index.add(b[0], b[1], b[2], b[3]);
      }
      this.index.finish();
    }
    const b = ringBox(ring);
    const ids = this.index.search(b[0] - margin, b[1] - margin, b[2] + margin, b[3] + margin);
    for (const id of ids) {
      const other = this.rings[id]!;
      if (ringsIntersect(ring, other)) return true;
      if (
        margin > 0 &&
        (ring.some((p) => nearRing(p, other, margin)) || other.some((p) => nearRing(p, ring, margin)))
      )
        return true;
    }
    return false;
  }
}

/** Index of the segments of big rings (the development boundary), for crossing tests. */
class SegmentIndex {
  private readonly segments: [Pt, Pt][] = [];
  private readonly index: Flatbush;
  constructor(rings: Ring[]) {
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) this.segments.push([ring[i]!, ring[(i + 1) % ring.length]!]);
    }
    this.index = new Flatbush(this.segments.length);
    for (const [a, b] of this.segments)
      this.index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    this.index.finish();
  }
  crosses(ring: Ring): boolean {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      const ids = this.index.search(
        Math.min(a[0], b[0]),
        Math.min(a[1], b[1]),
        Math.max(a[0], b[0]),
        Math.max(a[1], b[1]),
      );
      for (const id of ids) {
        const [c, d] = this.segments[id]!;
        if (segmentsIntersect(a, b, c, d)) return true;
      }
    }
    return false;
  }
}

/** What kind of deliberate overlap a control patch makes with its parcel. */
type OverlapKind = 'overlap' | 'sliver';

/**
 * A control-layer patch built against one straight edge of a parcel: it lies outside the parcel
 * except for a strip `depth` metres deep along part of that edge. A depth of 0.5–2 m imitates a
 * digitising error (边界误差); tens of metres make a real conflict.
 */
function patchAgainst(random: Random, lot: Lot, kind: OverlapKind): Ring | undefined {
  const outer = lot.polygons[0]![0]!;
  const i = random.int(0, outer.length - 1);
  const a = outer[i]!;
  const b = outer[(i + 1) % outer.length]!;
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len < 18) return undefined;
  const ux = (b[0] - a[0]) / len;
  const uy = (b[1] - a[1]) / len;
  // Outward normal of a counter-clockwise ring's edge.
  const nx = uy;
  const ny = -ux;
  let inward = 0;
  for (const p of outer) inward = Math.max(inward, -((p[0] - a[0]) * nx + (p[1] - a[1]) * ny));
  const along = (t: number, off: number): Pt => [
    a[0] + ux * len * t + nx * off,
    a[1] + uy * len * t + ny * off,
  ];
  let near: Ring;
  let t0: number;
  let t1: number;
  if (kind === 'sliver') {
    // One boundary vertex of the field digitised `depth` metres inside the parcel: a flat
    // triangle of overlap. It stays under 0.1 % of the parcel (the default 边界误差 share).
    const depth = random.range(0.5, 1.6);
    const gap = random.range(0.5, 2.5);
    const crossing = Math.min((0.0014 * 0.8 * lot.area) / depth, 0.6 * len * (depth / (depth + gap)));
    if (crossing < 4) return undefined;
    const span = (crossing * (depth + gap)) / (depth * len);
    if (span > 0.8) return undefined;
    t0 = random.range(0.1, 0.9 - span);
    t1 = t0 + span;
    near = [along(t0, gap), along(t0 + span * random.range(0.3, 0.7), -depth), along(t1, gap)];
  } else {
    const depth = inward * random.range(0.2, 0.45);
    if (depth < 8) return undefined;
    t0 = random.range(0.08, 0.2);
    t1 = random.range(0.8, 0.92);
    near = [along(t0, -depth), along(t1, -depth)];
    if (near.some((p) => !pointInRing(p, outer))) return undefined;
  }
  // The rest is a field (or a wood) fanning out away from the parcel, with an irregular far side.
  const reach = random.range(50, 150);
  const fan = random.range(10, 60) / len;
  const patch: Ring = [...near];
  const steps = random.int(2, 4);
  for (let k = 0; k <= steps; k++) {
    const t =
      t1 + fan + (k / steps) * (t0 - t1 - 2 * fan) + (k > 0 && k < steps ? random.range(-0.05, 0.05) : 0);
    patch.push(along(t, reach * random.range(0.85, 1.15)));
  }
  const ring = ccw(patch);
  return selfIntersects(ring) ? undefined : ring;
}

/** The generated county: file contents by name, and counts for reports. */
export interface Generated {
  /** File name → contents (text or bytes). */
  files: Map<string, string | Uint8Array>;
  /** Counts for reports and tests. */
  stats: {
    parcels: number;
    categories: Record<CategoryLabel, number>;
    layers: Record<string, number>;
  };
}

/** Generates the demo county for `seed`. */
export function generateDemo(seed: number = DEFAULT_SEED): Generated {
  const random = createRandom(seed);
  const landscape = buildLandscape(random.fork('landscape'));
  const allLots = buildLots(random.fork('lots'), landscape);

  // Parcels must be 0.2–200 亩; the margin keeps spherical (Turf) and ellipsoidal checks agreeing.
  const lots = allLots.filter((lot) => lot.area > 0.206 * MU && lot.area < 196 * MU);

  const lotIndex = new RingIndex();
  for (const lot of lots) lotIndex.addAll(lot.polygons.map((p) => p[0]!));

  // --- 城镇开发边界 -------------------------------------------------------------------------
  const townHills = landscape.hills.filter((h) => h.inTown);
  const boundaryOuter = radialRing([0, 0], 4096, landscape.boundaryRadius);
  const boundaryPolygons: { polygons: Ring[][]; name: string }[] = [
    {
      polygons: [[boundaryOuter, ...townHills.map((h) => cw(h.ring))]],
      name: `${COUNTY}中心城区城镇开发边界`,
    },
  ];
  const seatRandom = random.fork('seats');
  for (const village of landscape.villages) {
    if (!village.seat) continue;
    const phase = seatRandom.range(0, TAU);
    const r0 = seatRandom.range(330, 460);
    boundaryPolygons.push({
      polygons: [
        [radialRing(village.center, 160, (t) => r0 + 60 * Math.sin(3 * t + phase) + 25 * Math.sin(7 * t))],
      ],
      name: `${TOWNSHIPS[village.township + 1]}镇区城镇开发边界`,
    });
  }
  const boundaryEdges = new SegmentIndex(boundaryPolygons.flatMap((b) => b.polygons.flat()));
  const insideBoundary = (p: Pt): boolean =>
    boundaryPolygons.some((b) =>
      b.polygons.some((rings) => pointInRing(p, rings[0]!) && !rings.slice(1).some((h) => pointInRing(p, h))),
    );

  // --- 生态保护红线: river reaches outside the town, the hills --------------------------------
  const redline: { ring: Ring; name: string; type: string }[] = [];
  const reach = (y0: number, y1: number): Ring => {
    const left = landscape.river.left.filter((p) => p[1] >= y0 && p[1] <= y1);
    const right = landscape.river.right.filter((p) => p[1] >= y0 && p[1] <= y1);
    return ccw([...left, ...right.reverse()]);
  };
  redline.push({ ring: reach(3300, 11000), name: '漓源河上游河湖滨岸带生态保护红线', type: '河湖滨岸' });
  redline.push({ ring: reach(-11000, -3800), name: '漓源河下游河湖滨岸带生态保护红线', type: '河湖滨岸' });
  for (const hill of landscape.hills) {
    redline.push({
      ring: ccw(hill.ring),
      name: `${hill.name}${hill.inTown ? '喀斯特地貌' : '水源涵养'}生态保护红线`,
      type: hill.inTown ? '生物多样性维护' : '水源涵养',
    });
  }

  // --- deliberate overlaps -----------------------------------------------------------------
  const overlapRandom = random.fork('overlaps');
  const farmlandIndex = new RingIndex();
  const redlineIndex = new RingIndex();
  redlineIndex.addAll(redline.map((r) => r.ring));
  const truth = {
    permanentFarmland: { overlap: [] as number[], sliver: [] as number[] },
    ecologicalRedline: { overlap: [] as number[], sliver: [] as number[] },
  };
  const deliberateFarmland: { ring: Ring; lot: number }[] = [];
  const deliberateRedline: { ring: Ring; lot: number }[] = [];
  const used = new Set<number>();
  const plan: [keyof typeof truth, OverlapKind, number][] = [
    ['permanentFarmland', 'overlap', 4],
    ['permanentFarmland', 'sliver', 5],
    ['ecologicalRedline', 'overlap', 3],
    ['ecologicalRedline', 'sliver', 4],
  ];
  const candidates = lots
    .map((lot, i) => ({ lot, i }))
    .filter(({ lot }) => lot.straight && lot.area > 300)
    // Only parcels at or beyond the boundary can meet farmland or red line that lies outside it.
    .filter(({ lot }) => boundaryEdges.crosses(lot.polygons[0]![0]!) || !insideBoundary(lot.center));
  for (const [layer, kind, count] of plan) {
    let made = 0;
    for (let attempt = 0; attempt < 4000 && made < count; attempt++) {
      const { lot, i } = overlapRandom.pick(candidates);
      if (used.has(i)) continue;
      const patch = patchAgainst(overlapRandom, lot, kind);
      if (!patch) continue;
      // The patch may touch its own parcel only; it must keep clear of every other parcel and layer.
      const others = lots.filter((_, j) => j !== i);
      const otherIndex = new RingIndex();
      const b = ringBox(patch);
      for (const o of others) {
        const ob = ringBox(o.polygons[0]![0]!);
        if (ob[0] <= b[2] + 10 && b[0] <= ob[2] + 10 && ob[1] <= b[3] + 10 && b[1] <= ob[3] + 10)
          otherIndex.addAll(o.polygons.map((p) => p[0]!));
      }
      if (otherIndex.hits(patch, 3)) continue;
      if (farmlandIndex.hits(patch, 5) || redlineIndex.hits(patch, 5)) continue;
      // Farmland and red line lie outside the development boundary (三线 do not overlap each other).
      if (boundaryEdges.crosses(patch) || insideBoundary(centroid(patch))) continue;
      used.add(i);
      made++;
      truth[layer][kind].push(i);
      if (layer === 'permanentFarmland') {
        farmlandIndex.add(patch);
        deliberateFarmland.push({ ring: patch, lot: i });
      } else {
        redlineIndex.add(patch);
        deliberateRedline.push({ ring: patch, lot: i });
      }
    }
  }

  // --- 永久基本农田: fields between the villages, clear of parcels, town, water and hills -------
  const fieldRandom = random.fork('farmland');
  const fieldAngle = 0.35;
  const nearestVillage = (c: Pt): number => {
    let nearest = 0;
    let best = Infinity;
    landscape.villages.forEach((v, k) => {
      const d = Math.hypot(v.center[0] - c[0], v.center[1] - c[1]);
      if (d < best) {
        best = d;
        nearest = k;
      }
    });
    return nearest;
  };
  const farmland: { ring: Ring; village: number }[] = deliberateFarmland.map((d) => ({
    ring: d.ring,
    village: nearestVillage(centroid(d.ring)),
  }));
  const waves = [0, 1, 2, 3, 4].map(() => ({
    kx: fieldRandom.range(0.0008, 0.0022),
    ky: fieldRandom.range(0.0008, 0.0022),
    p: fieldRandom.range(0, TAU),
  }));
  // Paddy fields cluster around the villages and along the valley floors (the noise).
  const fertile = (p: Pt): number => {
    let nearVillage = 0;
    for (const v of landscape.villages) {
      const d = Math.hypot(v.center[0] - p[0], v.center[1] - p[1]);
      nearVillage = Math.max(nearVillage, Math.exp(-((d / 1300) ** 2)));
    }
    const noise = waves.reduce((s, w) => s + Math.sin(p[0] * w.kx + w.p) * Math.cos(p[1] * w.ky - w.p), 0);
    // 永久基本农田 was drawn tight around the town when the boundary was fixed.
    const beyondTown = Math.hypot(p[0], p[1]) - landscape.boundaryRadius(Math.atan2(p[1], p[0]));
    return noise / 2 + 1.3 * nearVillage + 0.9 * Math.exp(-(((beyondTown - 350) / 600) ** 2));
  };
  const fieldSize = 210;
  const fieldNodes = new Map<string, Pt>();
  const fieldNode = (i: number, j: number): Pt => {
    const key = `${i},${j}`;
    let p = fieldNodes.get(key);
    if (!p) {
      p = rotate(
        [i * fieldSize + fieldRandom.range(-30, 30), j * fieldSize + fieldRandom.range(-30, 30)],
        fieldAngle,
      );
      fieldNodes.set(key, p);
    }
    return p;
  };
  const villageIndex = new RingIndex();
  for (const b of boundaryPolygons) villageIndex.addAll(b.polygons.map((p) => p[0]!));
  // A park's approved area is construction land, not farmland.
  villageIndex.addAll(landscape.parks.map((p) => p.ring));
  for (let i = -36; i < 36; i++) {
    for (let j = -36; j < 36; j++) {
      const cell: Ring = [fieldNode(i, j), fieldNode(i + 1, j), fieldNode(i + 1, j + 1), fieldNode(i, j + 1)];
      const c = centroid(cell);
      const r = Math.hypot(c[0], c[1]);
      if (r > 7600 || r < landscape.boundaryRadius(Math.atan2(c[1], c[0])) + 120) continue;
      if (fertile(c) < 0.9) continue;
      const field = insetConvex(ccw(cell), fieldRandom.range(4, 9));
      if (field.length < 3) continue;
      let ring: Ring = field;
      const rough: Ring = [];
      for (let k = 0; k < field.length; k++) {
        const a = field[k]!;
        const b = field[(k + 1) % field.length]!;
        rough.push(a);
        const n = fieldRandom.int(0, 3);
        for (let s = 1; s <= n; s++) {
          const t = s / (n + 1);
          const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
          const off = fieldRandom.range(-3, 3);
          rough.push([
            a[0] + (b[0] - a[0]) * t - ((b[1] - a[1]) / len) * off,
            a[1] + (b[1] - a[1]) * t + ((b[0] - a[0]) / len) * off,
          ]);
        }
      }
      if (!selfIntersects(rough)) ring = ccw(rough);
      if (
        lotIndex.hits(ring, 4) ||
        villageIndex.hits(ring, 10) ||
        redlineIndex.hits(ring, 15) ||
        farmlandIndex.hits(ring, 2)
      )
        continue;
      farmlandIndex.add(ring);
      farmland.push({ ring, village: nearestVillage(c) });
    }
  }

  // --- parcels -----------------------------------------------------------------------------
  const parcelRandom = random.fork('attributes');
  const sequence: Sequence = new Map();
  const villageNumber = new Map<number, number>();
  const perTownship = new Map<number, number>();
  landscape.villages.forEach((v, k) => {
    const n = (perTownship.get(v.township) ?? 0) + 1;
    perTownship.set(v.township, n);
    villageNumber.set(k, n);
  });
  const categories = Object.fromEntries(CATEGORY_LABELS.map((c) => [c, 0])) as Record<CategoryLabel, number>;
  const parcelFeatures: Feature[] = [];
  const codes: string[] = [];
  const areaMismatch: string[] = [];
  const boundaryTruth = { partlyOutside: [] as string[], outside: [] as string[] };
  lots.forEach((lot, index) => {
    const feature = featureOf(lot.polygons, {});
    const coords =
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const areaM2 = ellipsoidalArea(coords);
    const park =
      lot.zone === 'park-national'
        ? landscape.parks[0]!
        : lot.zone === 'park-provincial'
          ? landscape.parks[1]!
          : undefined;
    const village = lot.village >= 0 ? landscape.villages[lot.village] : undefined;
    const { properties, category } = parcelProperties(
      parcelRandom,
      {
        lot,
        areaM2,
        parkName: park?.name ?? null,
        parkLevel: park?.level ?? null,
        township: village ? village.township + 1 : 0,
        subdistrict: village
          ? { name: villageName(lot.village), number: villageNumber.get(lot.village)! }
          : townSubdistrict(lot),
      },
      sequence,
    );
    // A few declared areas disagree with the drawn shape by several per cent (old surveys, typos).
    if (parcelRandom.chance(0.04)) {
      const factor = 1 + (parcelRandom.chance(0.5) ? 1 : -1) * parcelRandom.range(0.03, 0.09);
      properties.ZDMJ = Math.round(areaM2 * factor * 100) / 100;
      areaMismatch.push(properties.ZDDM as string);
    }
    categories[category]++;
    const code = properties.ZDDM as string;
    codes[index] = code;
    const rings = lot.polygons.map((p) => p[0]!);
    if (rings.some((r) => boundaryEdges.crosses(r))) boundaryTruth.partlyOutside.push(code);
    else if (!rings.every((r) => insideBoundary(r[0]!))) boundaryTruth.outside.push(code);
    parcelFeatures.push({ geometry: feature.geometry, properties });
  });

  // --- features of the control layers ------------------------------------------------------
  const boundaryFeatures = boundaryPolygons.map((b, k) => {
    const f = featureOf(b.polygons, {});
    const coords = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    f.properties = {
      BSM: `450322${String(k + 1).padStart(6, '0')}`,
      MC: b.name,
      LX: k === 0 ? '集中建设区' : '镇区集中建设区',
      MJ: Math.round(ellipsoidalArea(coords) * 100) / 100,
    };
    return f;
  });
  const farmlandTypes = [
    { code: '0101', name: '水田', w: 0.7 },
    { code: '0103', name: '旱地', w: 0.2 },
    { code: '0102', name: '水浇地', w: 0.1 },
  ];
  const farmlandFeatures = farmland.map((field, k) => {
    const f = featureOf([[field.ring]], {});
    const coords = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const x = fieldRandom.next();
    const type = x < 0.7 ? farmlandTypes[0]! : x < 0.9 ? farmlandTypes[1]! : farmlandTypes[2]!;
    const village = landscape.villages[field.village]!;
    f.properties = {
      BSM: `45032220${String(k + 1).padStart(6, '0')}`,
      DLBM: type.code,
      DLMC: type.name,
      TBMJ: Math.round(ellipsoidalArea(coords) * 100) / 100,
      XZMC: TOWNSHIPS[village.township + 1]!,
      ZLDWMC: villageName(field.village),
    };
    return f;
  });
  const redlineFeatures = [
    ...redline.map((r) => ({ ring: r.ring, name: r.name, type: r.type })),
    ...deliberateRedline.map((d, k) => ({
      ring: d.ring,
      name: `${villageName(nearestVillage(centroid(d.ring)))}${['水库', '湿地', '林地', '溶洞'][k % 4]}生态保护红线`,
      type: ['水源涵养', '生物多样性维护', '水土保持', '生物多样性维护'][k % 4]!,
    })),
  ].map((r, k) => {
    const f = featureOf([[r.ring]], {});
    const coords = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    f.properties = {
      BSM: `45032230${String(k + 1).padStart(6, '0')}`,
      HXMC: r.name,
      HXLX: r.type,
      MJ: Math.round(ellipsoidalArea(coords) * 100) / 100,
    };
    return f;
  });
  const parkFeatures = landscape.parks.map((p, k) => {
    const f = featureOf([[ccw(p.ring)]], {});
    const coords = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    f.properties = {
      BSM: `45032240${String(k + 1).padStart(6, '0')}`,
      YQMC: p.name,
      YQJB: p.level === 'national' ? '国家级' : '省级',
      YQLX: p.level === 'national' ? '经济技术开发区' : '工业园区',
      PZJG: p.level === 'national' ? '国务院' : '广西壮族自治区人民政府',
      MJ: Math.round(ellipsoidalArea(coords) * 100) / 100,
    };
    return f;
  });

  const files = new Map<string, string | Uint8Array>();
  const layers: { file: string; role: string; nameZh: string; nameEn: string; features: Feature[] }[] = [
    {
      file: 'parcels.geojson',
      role: 'parcels',
      nameZh: `${COUNTY}存量土地宗地`,
      nameEn: 'Parcels',
      features: parcelFeatures,
    },
    {
      file: 'development-boundary.geojson',
      role: 'development-boundary',
      nameZh: '城镇开发边界',
      nameEn: 'Urban development boundary',
      features: boundaryFeatures,
    },
    {
      file: 'permanent-farmland.geojson',
      role: 'permanent-farmland',
      nameZh: '永久基本农田',
      nameEn: 'Permanent basic farmland',
      features: farmlandFeatures,
    },
    {
      file: 'ecological-redline.geojson',
      role: 'ecological-redline',
      nameZh: '生态保护红线',
      nameEn: 'Ecological protection red line',
      features: redlineFeatures,
    },
    {
      file: 'parks.geojson',
      role: 'park',
      nameZh: '开发区/园区',
      nameEn: 'Development zones and parks',
      features: parkFeatures,
    },
  ];
  for (const layer of layers) files.set(layer.file, collectionText(layer.features));
  // The same parcels as an ArcGIS user would send them: GBK DBF, Gauss-Kruger zone 37 (prefixed).
  const shapefile = writeShapefile(
    { features: parcelFeatures },
    {
      encoding: 'gbk',
      prj: GK_ZONE_37_ESRI_WKT,
      project: projectGkZone37,
      lastUpdate: new Date(`${REFERENCE_DATE}T00:00:00Z`),
    },
  );
  files.set(SHAPEFILE_ZIP, zipShapefile(shapefile, 'parcels', new Date(`${REFERENCE_DATE}T00:00:00Z`)));
  const codesOf = (list: number[]): string[] => list.map((i) => codes[i]!);
  const manifest = {
    name: `${COUNTY}（演示数据）`,
    description:
      'Invented demo county around 110.3°E, 25.3°N, generated by scripts/demo-data.ts; not real data.',
    generator: 'scripts/demo-data.ts',
    seed,
    referenceDate: REFERENCE_DATE,
    crs: 'EPSG:4490 (CGCS2000 geographic, lon/lat, RFC 7946)',
    files: layers.map((l) => ({
      file: l.file,
      role: l.role,
      name: { 'zh-CN': l.nameZh, en: l.nameEn },
      nameZh: l.nameZh,
      nameEn: l.nameEn,
      featureCount: l.features.length,
    })),
    /** Other renditions of a layer, for import tests; the app does not load these at start. */
    extras: [
      {
        file: SHAPEFILE_ZIP,
        role: 'parcels',
        nameZh: `${COUNTY}存量土地宗地（Shapefile，GBK，CGCS2000 3度带第37带）`,
        nameEn:
          'Parcels as a zipped shapefile (GBK DBF, CGCS2000 3-degree Gauss-Kruger zone 37, zone-prefixed)',
        format: 'shapefile-zip',
        crs: 'EPSG:4525',
        prj: 'CGCS2000_3_Degree_GK_Zone_37',
        encoding: 'GBK',
        featureCount: parcelFeatures.length,
        fieldMap: shapefile.fieldMap,
      },
    ],
    parcelFields: PARCEL_FIELDS,
    expected: {
      categories,
      permanentFarmland: {
        overlap: codesOf(truth.permanentFarmland.overlap),
        sliver: codesOf(truth.permanentFarmland.sliver),
      },
      ecologicalRedline: {
        overlap: codesOf(truth.ecologicalRedline.overlap),
        sliver: codesOf(truth.ecologicalRedline.sliver),
      },
      developmentBoundary: boundaryTruth,
      declaredAreaMismatch: areaMismatch,
    },
  };
  files.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    files,
    stats: {
      parcels: parcelFeatures.length,
      categories,
      layers: Object.fromEntries(layers.map((l) => [l.role, l.features.length])),
    },
  };
}
