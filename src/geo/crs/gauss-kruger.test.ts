import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/seeded-random';
import type { CrsDescription } from './crs.types';
import { ELLIPSOIDS } from './crs.types';
import {
  crsFromEpsg,
  gaussKrugerCrs,
  gaussKrugerForwardInPlace,
  gaussKrugerInverseInPlace,
  utmCrs,
} from './gauss-kruger';
import { reprojectToLonLat, toProj4String } from './reproject';

/** proj4 between the CRS and lon/lat on the same ellipsoid (no datum step): the independent path. */
function proj4Of(crs: CrsDescription) {
  const { a, rf } = ELLIPSOIDS[crs.datum];
  return proj4(`+proj=longlat +a=${a} +rf=${rf} +no_defs`, toProj4String(crs));
}

/** Seeded lon/lat points across a zone: ±halfWidth° around the central meridian, 18–54°N. */
function pointsAround(crs: CrsDescription, halfWidth: number, count: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    out[2 * i] = (crs.centralMeridian ?? 0) + (random() * 2 - 1) * halfWidth;
    out[2 * i + 1] = 18 + random() * 36;
  }
  return out;
}

const zones: [string, CrsDescription][] = [
  ['3° zone 25 prefixed (CM 75°E)', gaussKrugerCrs(3, 25, true, 'epsg')],
  ['3° zone 37 prefixed (CM 111°E)', gaussKrugerCrs(3, 37, true, 'epsg')],
  ['3° CM 117°E unprefixed', gaussKrugerCrs(3, 39, false, 'epsg')],
  ['3° zone 45 prefixed (CM 135°E)', gaussKrugerCrs(3, 45, true, 'epsg')],
  ['6° zone 13 unprefixed (CM 75°E)', gaussKrugerCrs(6, 13, false, 'epsg')],
  ['6° zone 20 prefixed (CM 117°E)', gaussKrugerCrs(6, 20, true, 'epsg')],
  ['WGS84 UTM 50N (k 0.9996)', utmCrs(50, false, 'WGS84', 'epsg')],
  [
    'odd CM 112.5°E, false northing, origin 10°N',
    {
      ...gaussKrugerCrs(3, 37, false, 'user'),
      centralMeridian: 112.5,
      falseNorthing: -1_000_000,
      latitudeOfOrigin: 10,
    },
  ],
];

describe('gaussKrugerForwardInPlace / gaussKrugerInverseInPlace against proj4 (etmerc)', () => {
  it.each(zones)('%s: forward within 1 mm of proj4 on 2,000 points', (_label, crs) => {
    const halfWidth = crs.family === 'gauss-kruger-3' ? 1.6 : 3.2;
    const lonLat = pointsAround(crs, halfWidth, 2_000, 7);
    const xy = lonLat.slice();
    gaussKrugerForwardInPlace(crs, xy);
    const converter = proj4Of(crs);
    let worst = 0;
    for (let i = 0; i < lonLat.length; i += 2) {
      const [px, py] = converter.forward([lonLat[i]!, lonLat[i + 1]!]) as [number, number];
      worst = Math.max(worst, Math.hypot(xy[i]! - px, xy[i + 1]! - py));
    }
    expect(worst).toBeLessThan(0.001);
  });

  it.each(zones)('%s: inverse within 1e-9° of proj4 on 2,000 points', (_label, crs) => {
    const halfWidth = crs.family === 'gauss-kruger-3' ? 1.6 : 3.2;
    const lonLat = pointsAround(crs, halfWidth, 2_000, 11);
    // Projected inputs from proj4, so the inverse is compared on proj4's own numbers.
    const converter = proj4Of(crs);
    const xy = new Float64Array(lonLat.length);
    for (let i = 0; i < lonLat.length; i += 2) {
      const [px, py] = converter.forward([lonLat[i]!, lonLat[i + 1]!]) as [number, number];
      xy[i] = px;
      xy[i + 1] = py;
    }
    const ours = xy.slice();
    gaussKrugerInverseInPlace(crs, ours);
    let worst = 0;
    for (let i = 0; i < xy.length; i += 2) {
      const [lon, lat] = converter.inverse([xy[i]!, xy[i + 1]!]) as [number, number];
      worst = Math.max(worst, Math.abs(ours[i]! - lon), Math.abs(ours[i + 1]! - lat));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it.each(zones)('%s: forward then inverse returns the points within 1e-9°', (_label, crs) => {
    const lonLat = pointsAround(crs, 1.5, 500, 3);
    const c = lonLat.slice();
    gaussKrugerForwardInPlace(crs, c);
    gaussKrugerInverseInPlace(crs, c);
    for (let i = 0; i < c.length; i++) expect(Math.abs(c[i]! - lonLat[i]!)).toBeLessThan(1e-9);
  });

  it('a known point: 111°E 25°N on the central meridian of zone 37 has easting exactly 37 500 000', () => {
    const crs = gaussKrugerCrs(3, 37, true, 'epsg');
    const c = new Float64Array([111, 0, 111, 25]);
    gaussKrugerForwardInPlace(crs, c);
    expect(c[0]).toBeCloseTo(37_500_000, 6);
    expect(c[1]).toBeCloseTo(0, 6);
    expect(c[2]).toBeCloseTo(37_500_000, 6);
    // Meridian arc to 25°N on CGCS2000, from the series in a different form (Helmert's expansion).
    const { a, rf } = ELLIPSOIDS.CGCS2000;
    const n = 1 / rf / (2 - 1 / rf);
    const phi = (25 * Math.PI) / 180;
    const arc =
      (a / (1 + n)) *
      ((1 + (n * n) / 4 + n ** 4 / 64) * phi -
        ((3 * n) / 2 - (3 * n ** 3) / 16) * Math.sin(2 * phi) +
        ((15 * n * n) / 16 - (15 * n ** 4) / 64) * Math.sin(4 * phi) -
        ((35 * n ** 3) / 48) * Math.sin(6 * phi) +
        ((315 * n ** 4) / 512) * Math.sin(8 * phi));
    expect(Math.abs(c[3]! - arc)).toBeLessThan(0.001);
  });

  it('converts only the requested vertex range', () => {
    const crs = gaussKrugerCrs(3, 37, true, 'epsg');
    const c = new Float64Array([111, 25, 111.1, 25.1, 111.2, 25.2]);
    gaussKrugerForwardInPlace(crs, c, 1, 2);
    expect([c[0], c[1], c[4], c[5]]).toEqual([111, 25, 111.2, 25.2]);
    expect(c[2]).toBeGreaterThan(37_500_000);
  });

  it('refuses a geographic CRS or one with a datum shift', () => {
    const geo = crsFromEpsg(4490);
    if (!geo.ok) throw new Error('4490');
    expect(() => gaussKrugerForwardInPlace(geo.value, new Float64Array(2))).toThrow();
    const shifted = { ...gaussKrugerCrs(3, 37, true, 'user'), towgs84: [1, 2, 3] };
    expect(() => gaussKrugerInverseInPlace(shifted, new Float64Array(2))).toThrow();
  });

  it('reprojectToLonLat uses the same inverse (identical numbers)', () => {
    const crs = gaussKrugerCrs(3, 37, true, 'epsg');
    const lonLat = pointsAround(crs, 1.5, 200, 5);
    gaussKrugerForwardInPlace(crs, lonLat);
    const a = lonLat.slice();
    const b = lonLat.slice();
    gaussKrugerInverseInPlace(crs, a);
    reprojectToLonLat(crs, b);
    expect([...b]).toEqual([...a]);
  });
});
