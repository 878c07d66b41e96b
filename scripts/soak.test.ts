import { describe, expect, it } from 'vitest';
import { runSoak } from '../bench/soak';

/**
 * The soak of `npm run soak` (RELIABILITY.md tests 67–69) at a tiny scale: the same import, one bulk
 * tag action with undo/redo, patrols with photos, and every record counted back from IndexedDB.
 */
describe('soak at tiny scale (tests 67–69)', () => {
  it('R67–R69: 2,000 parcels imported, 200 tagged in one action (undo restores all), 20 patrols × 3 photos — all counted back', {
    timeout: 180_000,
  }, async () => {
    const figures = await runSoak({ parcels: 2_000, tags: 200, patrols: 20, photosPerPatrol: 3, photoKb: 8 });
    expect(figures.counted).toEqual({
      parcels: 2_000,
      tagged: 200,
      tagChanges: 200,
      tagBatches: 1,
      undoRestored: 200,
      patrols: 20,
      photos: 60,
      photosReadable: 60,
      photoBytes: 60 * 8 * 1024,
    });
    expect(figures.peakRssMb).toBeGreaterThan(0);
  });
});
