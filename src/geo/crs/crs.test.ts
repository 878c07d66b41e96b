import { describe, expect, it } from 'vitest';
import { resolveCrsForData } from './crs-resolve';
import points from './fixtures/gdal-points.json';
import { crsFromEpsg, guessZoneFromEasting } from './gauss-kruger';
import { parsePrj, withDatumShift } from './prj.parser';
import { groundDistanceMetres, projectFromLonLat, reprojectToLonLat, unprojectWithProj4 } from './reproject';

const ESRI_ZONE_39 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const ESRI_CM_117 = ESRI_ZONE_39.replace('Zone_39', 'CM_117E').replace('39500000.0', '500000.0');
const ESRI_CM_111 = ESRI_CM_117.replace('CM_117E', 'CM_111E').replace(
  '"Central_Meridian",117.0',
  '"Central_Meridian",111.0',
);
const ESRI_6_ZONE_20 = ESRI_ZONE_39.replace('3_Degree_GK_Zone_39', 'GK_Zone_20').replace(
  '39500000.0',
  '20500000.0',
);
const OGC_4527 =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 39",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",39500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4527"]]';
const WKT2_4549 =
  'PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 120E",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]],CONVERSION["3-degree Gauss-Kruger CM 120E",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",120,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1],ID["EPSG",8805]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]],USAGE[SCOPE["Cadastre."],AREA["China - onshore between 118°30\'E and 121°30\'E."],BBOX[24.43,118.5,53.33,121.5]],ID["EPSG",4549]]';
const GEO_4490 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const GEO_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const UTM_50N =
  'PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const WEB_MERCATOR =
  'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
const XIAN_GK =
  'PROJCS["Xian_1980_3_Degree_GK_CM_114E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const BEIJING_GK =
  'PROJCS["Beijing_1954_3_Degree_GK_CM_117E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

describe('parsePrj', () => {
  it.each([
    [
      'ESRI CGCS2000_3_Degree_GK_Zone_39',
      ESRI_ZONE_39,
      { epsg: 4527, zone: 39, centralMeridian: 117, zonePrefixed: true },
    ],
    [
      'ESRI CGCS2000_3_Degree_GK_CM_117E',
      ESRI_CM_117,
      { epsg: 4548, zone: 39, centralMeridian: 117, zonePrefixed: false },
    ],
    ['ESRI CGCS2000_3_Degree_GK_CM_111E', ESRI_CM_111, { epsg: 4546, zone: 37, centralMeridian: 111 }],
    ['ESRI CGCS2000_GK_Zone_20 (6°)', ESRI_6_ZONE_20, { epsg: 4498, family: 'gauss-kruger-6', zone: 20 }],
    ['OGC WKT1 EPSG:4527', OGC_4527, { epsg: 4527 }],
    ['WKT2 EPSG:4549', WKT2_4549, { epsg: 4549, centralMeridian: 120 }],
    ['CGCS2000 geographic', GEO_4490, { epsg: 4490, kind: 'geographic' }],
    ['WGS84 geographic', GEO_WGS84, { epsg: 4326, datum: 'WGS84' }],
    ['UTM 50N', UTM_50N, { epsg: 32650, family: 'utm', zone: 50 }],
    ['Web Mercator', WEB_MERCATOR, { epsg: 3857, kind: 'web-mercator' }],
    ['EPSG code text', 'EPSG:4527', { epsg: 4527 }],
  ])('%s', (_label, wkt, expected) => {
    const r = parsePrj(wkt);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected);
  });

  it.each([
    ['garbage', 'hello ]]] world'],
    ['empty', '   '],
    ['unknown projection', ESRI_CM_117.replace('Gauss_Kruger', 'Lambert_Conformal_Conic')],
    ['unclosed', ESRI_CM_117.slice(0, 80)],
    ['deep', `${'A['.repeat(5000)}${']'.repeat(5000)}`],
  ])('%s → crs-unknown, never a throw', (_label, wkt) => {
    const r = parsePrj(wkt);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('crs-unknown');
  });

  it.each([
    ['Xian 1980 GK', XIAN_GK, 'Xian 1980'],
    ['Beijing 1954 GK', BEIJING_GK, 'Beijing 1954'],
    [
      'Xian 1980 geographic',
      'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      'Xian 1980',
    ],
  ])('%s → crs-needs-datum, completable with 7 parameters', (_label, wkt, name) => {
    const r = parsePrj(wkt);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('crs-needs-datum');
    expect(r.error.message).toContain(name);
    const shifted = withDatumShift(r.error.crs!, [24, -123, -94, 0.02, -0.25, -0.13, 1.1]);
    expect(shifted.ok).toBe(true);
    if (shifted.ok && shifted.value.kind === 'transverse-mercator') {
      const coords = new Float64Array([500_000 + 1000, 3_500_000]);
      reprojectToLonLat(shifted.value, coords);
      expect(Number.isFinite(coords[0])).toBe(true);
    }
  });
});

describe('reprojection against GDAL/PROJ numbers (test 14)', () => {
  it.each(points.inverse)(
    'fast inverse EPSG:$epsg within 1 mm of gdaltransform',
    ({ epsg, x, y, lon, lat }) => {
      const crs = crsFromEpsg(epsg);
      if (!crs.ok) throw new Error('fixture CRS');
      const coords = new Float64Array([x, y]);
      reprojectToLonLat(crs.value, coords);
      expect(groundDistanceMetres(coords[0]!, coords[1]!, lon, lat)).toBeLessThan(0.001);
    },
  );

  it.each(points.forward)(
    'round trip EPSG:$epsg: GDAL projected point back to its lon/lat within 1 mm',
    ({ epsg, lon, lat, x, y }) => {
      const crs = crsFromEpsg(epsg);
      if (!crs.ok) throw new Error('fixture CRS');
      const [px, py] = projectFromLonLat(crs.value, lon, lat);
      expect(Math.hypot(px - x, py - y)).toBeLessThan(0.001);
      const coords = new Float64Array([x, y]);
      reprojectToLonLat(crs.value, coords);
      expect(groundDistanceMetres(coords[0]!, coords[1]!, lon, lat)).toBeLessThan(0.001);
      const [plon, plat] = unprojectWithProj4(crs.value, x, y);
      expect(groundDistanceMetres(plon, plat, lon, lat)).toBeLessThan(0.001);
    },
  );

  it('EPSG:4490 is the identity', () => {
    const crs = crsFromEpsg(4490);
    if (!crs.ok) throw new Error('4490');
    const coords = new Float64Array([117.1, 36.6]);
    reprojectToLonLat(crs.value, coords);
    expect([...coords]).toEqual([117.1, 36.6]);
  });

  it('fast path matches proj4 across a whole 3° zone (±1.5°, 18–54°N) to 0.1 mm', () => {
    const crs = crsFromEpsg(4527);
    if (!crs.ok) throw new Error('4527');
    for (let lat = 18; lat <= 54; lat += 6) {
      for (let dl = -1.5; dl <= 1.5; dl += 0.75) {
        const [x, y] = projectFromLonLat(crs.value, 117 + dl, lat);
        const c = new Float64Array([x, y]);
        reprojectToLonLat(crs.value, c);
        expect(groundDistanceMetres(c[0]!, c[1]!, 117 + dl, lat)).toBeLessThan(0.0001);
      }
    }
  });
});

describe('zone guesses and prefix reconciliation', () => {
  it('guesses GK zones from easting prefixes, 3° vs 6° by range', () => {
    expect(guessZoneFromEasting(37_512_345)).toEqual({ zoneWidth: 3, zone: 37, centralMeridian: 111 });
    expect(guessZoneFromEasting(20_412_345)).toEqual({ zoneWidth: 6, zone: 20, centralMeridian: 117 });
    expect(guessZoneFromEasting(512_345)).toBeUndefined();
    expect(guessZoneFromEasting(50_512_345)).toBeUndefined();
    expect(guessZoneFromEasting(Number.NaN)).toBeUndefined();
  });

  it('a Zone_39 .prj over unprefixed data and a CM_117E .prj over prefixed data both fit', () => {
    const z39 = parsePrj(ESRI_ZONE_39);
    const cm117 = parsePrj(ESRI_CM_117);
    if (!z39.ok || !cm117.ok) throw new Error('prj');
    const plain = resolveCrsForData(z39.value, {
      minX: 500_000,
      maxX: 520_000,
      minY: 4_000_000,
      maxY: 4_050_000,
    });
    expect(plain.ok && plain.value.crs).toMatchObject({ epsg: 4548, zonePrefixed: false });
    expect(plain.ok && plain.value.adjustments[0]?.code).toBe('crs-prefix-removed');
    const prefixed = resolveCrsForData(cm117.value, {
      minX: 39_500_000,
      maxX: 39_520_000,
      minY: 4_000_000,
      maxY: 4_050_000,
    });
    expect(prefixed.ok && prefixed.value.crs).toMatchObject({ epsg: 4527 });
    const other = resolveCrsForData(cm117.value, {
      minX: 37_500_000,
      maxX: 37_520_000,
      minY: 4_000_000,
      maxY: 4_050_000,
    });
    expect(other.ok && other.value.adjustments[0]?.code).toBe('crs-zone-mismatch');
    expect(other.ok && other.value.crs.zone).toBe(37);
  });

  it('northing-first coordinates are detected and swapped', () => {
    const r = resolveCrsForData(undefined, {
      minX: 4_000_000,
      maxX: 4_050_000,
      minY: 39_500_000,
      maxY: 39_520_000,
    });
    expect(r.ok && r.value.swapAxes).toBe(true);
    expect(r.ok && r.value.crs.zone).toBe(39);
  });

  it('a geographic CRS over metres without prefix is crs-unknown; degrees under a GK .prj too', () => {
    expect(resolveCrsForData(undefined, { minX: 500_000, maxX: 520_000, minY: 4e6, maxY: 4.05e6 }).ok).toBe(
      false,
    );
    const cm117 = parsePrj(ESRI_CM_117);
    if (!cm117.ok) throw new Error('prj');
    const r = resolveCrsForData(cm117.value, { minX: 117, maxX: 117.1, minY: 36, maxY: 36.1 });
    expect(!r.ok && r.error.code).toBe('crs-unknown');
  });

  it('bulk reprojection of 1.34 M vertices is fast enough to run per import (figure in the bench)', () => {
    const crs = crsFromEpsg(4527);
    if (!crs.ok) throw new Error('4527');
    const n = 1_340_000;
    const coords = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      coords[2 * i] = 39_500_000 + (i % 1000) * 30;
      coords[2 * i + 1] = 4_000_000 + Math.floor(i / 1000) * 20;
    }
    reprojectToLonLat(crs.value, coords);
    expect(coords.every(Number.isFinite)).toBe(true);
  });
});
