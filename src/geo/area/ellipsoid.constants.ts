/**
 * CGCS2000 ellipsoid (GB/T 2015 定义: a = 6378137 m, f = 1/298.257222101). WGS84's f differs by
 * ~1.6e-11, far below survey precision, so the same constants serve both datums (DOMAIN.md §Units).
 */
export const SEMI_MAJOR_AXIS_M = 6378137;
export const FLATTENING = 1 / 298.257222101;
export const ECCENTRICITY_SQUARED = FLATTENING * (2 - FLATTENING);
export const ECCENTRICITY = Math.sqrt(ECCENTRICITY_SQUARED);
