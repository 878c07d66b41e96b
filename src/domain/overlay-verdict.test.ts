import { describe, expect, it } from 'vitest';
import { judgeOverlay } from './overlay-verdict';

const parcel = 10_000; // m²: 0.1 % = 10 m², above the 1 m² absolute threshold
const small = 500; // m²: 0.1 % = 0.5 m², below the 1 m² absolute threshold

describe('judgeOverlay — 永久基本农田 / 生态保护红线', () => {
  it.each(['permanent-farmland', 'ecological-redline'] as const)('%s: no overlap is ok', (role) => {
    expect(judgeOverlay({ role, insideM2: 0, parcelAreaM2: parcel })).toMatchObject({
      verdict: 'ok',
      reason: 'no-overlap',
    });
  });

  it.each([
    // [insideM2, parcel, expected]: below either threshold → boundary error, else conflict
    [0.5, parcel, 'boundary-error'],
    [9.999, parcel, 'boundary-error'], // ≥ 1 m² but < 0.1 % (10 m²)
    [10, parcel, 'conflict'], // exactly 0.1 % and ≥ 1 m²
    [0.4, small, 'boundary-error'], // < 0.1 % (0.5 m²) and < 1 m²
    [0.999, small, 'boundary-error'], // ≥ 0.1 % but < 1 m²
    [1, small, 'conflict'], // exactly 1 m² and ≥ 0.1 %
    [parcel, parcel, 'conflict'],
  ] as const)('farmland overlap %f m² of %f m² → %s', (insideM2, parcelAreaM2, verdict) => {
    const result = judgeOverlay({ role: 'permanent-farmland', insideM2, parcelAreaM2 });
    expect(result.verdict).toBe(verdict);
    expect(result.severity).toBe(verdict === 'conflict' ? 'serious' : 'listed');
    expect(result.areaM2).toBe(insideM2);
  });

  it('reports the overlap share and honours custom thresholds', () => {
    const result = judgeOverlay({
      role: 'ecological-redline',
      insideM2: 50,
      parcelAreaM2: parcel,
      thresholds: { boundaryErrorM2: 100, boundaryErrorShare: 0 },
    });
    expect(result.verdict).toBe('boundary-error');
    expect(judgeOverlay({ role: 'ecological-redline', insideM2: 2500, parcelAreaM2: parcel }).share).toBe(
      0.25,
    );
  });
});

describe('judgeOverlay — 城镇开发边界', () => {
  it.each([
    [parcel, 'ok'],
    [parcel + 0.001, 'ok'], // float noise above the parcel is clamped
    [parcel - 9.999, 'boundary-error'],
    [parcel - 10, 'outside'],
    [0, 'outside'],
  ] as const)('inside %f m² → %s', (insideM2, verdict) => {
    const result = judgeOverlay({ role: 'development-boundary', insideM2, parcelAreaM2: parcel });
    expect(result.verdict).toBe(verdict);
    if (verdict === 'outside') expect(result.areaM2).toBeCloseTo(parcel - insideM2, 9);
  });

  it('uses the absolute threshold on small parcels', () => {
    expect(
      judgeOverlay({ role: 'development-boundary', insideM2: small - 0.999, parcelAreaM2: small }).verdict,
    ).toBe('boundary-error');
    expect(
      judgeOverlay({ role: 'development-boundary', insideM2: small - 1, parcelAreaM2: small }).verdict,
    ).toBe('outside');
  });
});

describe('judgeOverlay — 园区 (004 §3)', () => {
  it.each([
    [parcel, 'inside'],
    [parcel - 9.999, 'inside'],
    [parcel - 10, 'partial'],
    [5_000, 'partial'],
    [10, 'partial'],
    [9.999, 'outside'],
    [0, 'outside'],
  ] as const)('inside %f m² → %s', (insideM2, verdict) => {
    expect(judgeOverlay({ role: 'park', insideM2, parcelAreaM2: parcel }).verdict).toBe(verdict);
  });
});

describe('judgeOverlay — failures', () => {
  it('passes a failed overlay through, never as ok', () => {
    const result = judgeOverlay({
      role: 'permanent-farmland',
      insideM2: 0,
      parcelAreaM2: parcel,
      failed: 'clip-failed',
    });
    expect(result).toMatchObject({ verdict: 'failed', reason: 'overlay-failed', detail: 'clip-failed' });
  });

  it.each([
    [Number.NaN, parcel],
    [10, Number.NaN],
    [-1, parcel],
    [0, 0],
  ])('refuses insideM2 %f of parcel %f', (insideM2, parcelAreaM2) => {
    expect(judgeOverlay({ role: 'ecological-redline', insideM2, parcelAreaM2 })).toMatchObject({
      verdict: 'failed',
      reason: 'invalid-input',
    });
  });
});
