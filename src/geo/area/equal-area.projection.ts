import { ECCENTRICITY, ECCENTRICITY_SQUARED, SEMI_MAJOR_AXIS_M } from './ellipsoid.constants';

const DEG = Math.PI / 180;
const ONE_MINUS_E2 = 1 - ECCENTRICITY_SQUARED;
const HALF_OVER_E = 1 / (2 * ECCENTRICITY);

/** Snyder's q(φ) (Map Projections — A Working Manual, eq. 3-12), from sin φ. */
function authalicQ(sinLat: number): number {
  const es = ECCENTRICITY * sinLat;
  return ONE_MINUS_E2 * (sinLat / (1 - es * es) - HALF_OVER_E * Math.log((1 - es) / (1 + es)));
}

const QP = authalicQ(1);
/** Radius of the sphere with the ellipsoid's surface area (authalic sphere). */
export const AUTHALIC_RADIUS_M = SEMI_MAJOR_AXIS_M * Math.sqrt(QP / 2);

/** sin of the authalic latitude β for a geodetic latitude in degrees. */
export function sinAuthalicLatitude(latDeg: number): number {
  return authalicQ(Math.sin(latDeg * DEG)) / QP;
}

/**
 * Ellipsoidal oblique Lambert azimuthal equal-area projection (Snyder eq. 24-13…24-21) centred on
 * (lon0, lat0). It is exactly equal-area, so a planar shoelace in it gives the ellipsoidal area of
 * the polygon whose edges are straight in this plane; geodesics through the centre are straight
 * and others curve only by about (distance from centre)/R², which is why a centre near the polygon
 * makes the planar area match the geodesic-edge area to ~1e-9 (see ellipsoidal-area.ts).
 */
export class LocalEqualAreaProjection {
  readonly lon0: number;
  private readonly lon0Rad: number;
  private readonly sinBeta1: number;
  private readonly cosBeta1: number;
  private readonly d: number;
  /** Projected coordinates of the last call of project(), in metres; avoids an allocation per vertex. */
  x = 0;
  y = 0;

  constructor(lon0: number, lat0: number) {
    this.lon0 = lon0;
    this.lon0Rad = lon0 * DEG;
    const sinLat0 = Math.sin(lat0 * DEG);
    const sinBeta1 = authalicQ(sinLat0) / QP;
    const cosBeta1 = Math.sqrt(1 - sinBeta1 * sinBeta1);
    const m1 = Math.cos(lat0 * DEG) / Math.sqrt(1 - ECCENTRICITY_SQUARED * sinLat0 * sinLat0);
    this.sinBeta1 = sinBeta1;
    this.cosBeta1 = cosBeta1;
    this.d = (SEMI_MAJOR_AXIS_M * m1) / (AUTHALIC_RADIUS_M * cosBeta1);
  }

  /** Projects (lon, lat) in degrees into this.x / this.y (metres). */
  project(lon: number, lat: number): void {
    let dLon = lon * DEG - this.lon0Rad;
    // Keep the longitude difference in (-π, π] so parcels astride ±180° stay contiguous.
    if (dLon > Math.PI) dLon -= 2 * Math.PI;
    else if (dLon < -Math.PI) dLon += 2 * Math.PI;
    const sinBeta = authalicQ(Math.sin(lat * DEG)) / QP;
    const cosBeta = Math.sqrt(1 - sinBeta * sinBeta);
    const cosDLon = Math.cos(dLon);
    const b =
      AUTHALIC_RADIUS_M * Math.sqrt(2 / (1 + this.sinBeta1 * sinBeta + this.cosBeta1 * cosBeta * cosDLon));
    this.x = b * this.d * cosBeta * Math.sin(dLon);
    this.y = (b / this.d) * (this.cosBeta1 * sinBeta - this.sinBeta1 * cosBeta * cosDLon);
  }
}
