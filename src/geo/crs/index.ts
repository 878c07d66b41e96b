export type { CrsDescription, CrsProblem, CrsSource, Datum } from './crs.types';
export type { CrsAdjustment, CrsResolution, RawExtent } from './crs-resolve';
export { extentOf, looksGeographic, resolveCrsForData, swapAxesInPlace } from './crs-resolve';
export type { ZoneGuess } from './gauss-kruger';
export {
  crsFromEpsg,
  gaussKrugerCrs,
  gaussKrugerForwardInPlace,
  gaussKrugerInverseInPlace,
  geographicCrs,
  gkCentralMeridian,
  gkEpsg,
  guessZoneFromEasting,
  utmCrs,
  webMercatorCrs,
} from './gauss-kruger';
export { parsePrj, withDatumShift } from './prj.parser';
export {
  groundDistanceMetres,
  projectFromLonLat,
  reprojectToLonLat,
  toProj4String,
  unprojectWithProj4,
} from './reproject';
