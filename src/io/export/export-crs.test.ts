import { describe, expect, it } from 'vitest';
import { projectFromLonLat, reprojectToLonLat } from '../../geo/crs';
import { exportCrsDescription, exportProjection, suggestGaussKrugerZone } from './export-crs';
import { sampleRecord, squareRing } from './sample-records';

describe('Gauss-Kruger forward projection (gauss-kruger-forward.ts)', () => {
  const choices = [
    { zone: 37, threeDegree: true, zonePrefix: true },
    { zone: 37, threeDegree: true, zonePrefix: false },
    { zone: 19, threeDegree: false, zonePrefix: true },
  ];
  it.each(choices)('agrees with proj4 to 0.1 mm and inverts to 1e-9° across the zone: %j', (choice) => {
    const crs = exportCrsDescription(choice);
    const forward = exportProjection(choice);
    const cm = crs.centralMeridian ?? 0;
    const half = choice.threeDegree ? 1.5 : 3;
    for (const lat of [18.2, 25.3, 35, 45, 53.5]) {
      for (const dLon of [-half, -0.7, 0, 0.3, half]) {
        const [x, y] = forward(cm + dLon, lat);
        const [px, py] = projectFromLonLat(crs, cm + dLon, lat);
        expect(Math.abs(x - px)).toBeLessThan(1e-4);
        expect(Math.abs(y - py)).toBeLessThan(1e-4);
        const back = new Float64Array([x, y]);
        reprojectToLonLat(crs, back);
        expect(Math.abs((back[0] as number) - (cm + dLon))).toBeLessThan(1e-9);
        expect(Math.abs((back[1] as number) - lat)).toBeLessThan(1e-9);
      }
    }
  });

  it('suggests the zone of the parcels', () => {
    const records = [sampleRecord(1, { type: 'Polygon', coordinates: [squareRing(110.4, 25, 0.01)] })];
    expect(suggestGaussKrugerZone(records, true)).toBe(37);
    expect(suggestGaussKrugerZone(records, false)).toBe(19);
    expect(suggestGaussKrugerZone([], true)).toBeUndefined();
  });
});
