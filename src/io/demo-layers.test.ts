import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exactGeodesicAreaM2 } from '../geo/area';
import type { DemoFile } from './demo-layers';
import { prepareDemoLayers } from './demo-layers';

const manifest = JSON.parse(readFileSync('data/demo/manifest.json', 'utf8')) as {
  files: { file: string; role: DemoFile['role']; name: string; featureCount: number }[];
};
const files: DemoFile[] = manifest.files.map((f) => ({
  role: f.role,
  name: f.name,
  text: readFileSync(`data/demo/${f.file}`, 'utf8'),
}));

describe('the bundled demo county, prepared as on first start', () => {
  const layers = prepareDemoLayers(files, '2026-11-21T00:00:00.000Z');
  const parcels = layers.find((l) => l.layer.role === 'parcels');
  if (parcels?.content.kind !== 'parcels') throw new Error('no parcel layer');
  const records = parcels.content.items;

  it('keeps every feature of every file', () => {
    expect(layers.map((l) => l.content.items.length)).toEqual(manifest.files.map((f) => f.featureCount));
  });

  it('measures areas on the ellipsoid (GeographicLib agrees within the tolerance)', () => {
    for (const record of records.slice(0, 300)) {
      const exact = exactGeodesicAreaM2(record.geometry);
      expect(Math.abs(record.areaM2 - exact)).toBeLessThanOrEqual(Math.max(1e-6 * exact, 0.01));
    }
  });

  it('reads the stock-land tag and facts from the attributes', () => {
    const categories = new Set(records.map((r) => r.category));
    for (const c of [
      'approved-not-expropriated',
      'approved-not-supplied',
      'supplied-not-used',
      'idle',
      'inefficient',
      'rural-stock',
      'leftover',
    ]) {
      expect(categories).toContain(c);
    }
    expect(records.every((r) => typeof r.facts.code === 'string' && r.facts.code.length === 19)).toBe(true);
  });

  it('checks every parcel against all four control roles, with true conflicts and boundary errors among them', () => {
    expect(records.every((r) => r.overlay?.length === 4)).toBe(true);
    const farmland = records.map((r) => r.overlay?.find((c) => c.role === 'permanent-farmland')?.verdict);
    expect(farmland.filter((v) => v === 'conflict').length).toBeGreaterThanOrEqual(3);
    const anyBoundaryError = records.filter((r) =>
      r.overlay?.some((c) => c.verdict === 'boundary-error'),
    ).length;
    expect(anyBoundaryError).toBeGreaterThanOrEqual(1);
    const outside = records.filter((r) =>
      r.overlay?.some((c) => c.role === 'development-boundary' && c.verdict === 'outside'),
    );
    expect(outside.length).toBeGreaterThan(0);
    expect(records.some((r) => r.overlay?.some((c) => c.verdict === 'failed'))).toBe(false);
  });
});
