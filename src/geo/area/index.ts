export type { AreaErrorCode, AreaGuardOptions } from './area-of.guard';
export { areaOf } from './area-of.guard';
export { ellipsoidalAreaM2 } from './ellipsoidal-area';
export { AUTHALIC_RADIUS_M, LocalEqualAreaProjection } from './equal-area.projection';
export { exactGeodesicAreaM2 } from './geodesic-area.reference';
