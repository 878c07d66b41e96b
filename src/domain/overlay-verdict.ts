import type { ControlRole, OverlayVerdict } from './parcel';

/**
 * Digitising tolerance: an overlap (or an outside part) strictly below EITHER threshold is a
 * 边界误差, listed but not counted (DOMAIN.md §三区三线: "below a threshold the user sets, e.g. 1 m²
 * or 0.1 % of the parcel"). Reaching both thresholds makes it real.
 */
export interface BoundaryErrorThresholds {
  /** m²; default 1. */
  boundaryErrorM2: number;
  /** Share of the parcel area, 0–1; default 0.001 (0.1 %). */
  boundaryErrorShare: number;
}

export const DEFAULT_BOUNDARY_ERROR_THRESHOLDS: BoundaryErrorThresholds = {
  boundaryErrorM2: 1,
  boundaryErrorShare: 0.001,
};

export type OverlayReason =
  | 'no-overlap'
  | 'overlaps-protected-land'
  | 'overlap-within-tolerance'
  | 'inside-boundary'
  | 'outside-boundary'
  | 'outside-part-within-tolerance'
  | 'inside-park'
  | 'outside-park'
  | 'partly-inside-park'
  | 'overlay-failed'
  | 'invalid-input';

export interface OverlayVerdictInput {
  role: ControlRole;
  /** m² of the parcel inside the role's polygons (geo overlay). */
  insideM2: number;
  /** m² of the parcel (ellipsoidal). */
  parcelAreaM2: number;
  /** Set when geo overlay failed (its reason code); the verdict passes it through. */
  failed?: string;
  thresholds?: Partial<BoundaryErrorThresholds>;
}

export interface OverlayJudgement {
  verdict: OverlayVerdict;
  reason: OverlayReason;
  /** 'serious' counts as a conflict in statistics; 'listed' is shown but not counted. */
  severity: 'serious' | 'warning' | 'listed' | 'none';
  /** The area the verdict is about (overlap, or the part outside), m². */
  areaM2: number;
  /** areaM2 as a share of the parcel, 0–1. */
  share: number;
  /** Geo's failure code when verdict is 'failed'. */
  detail?: string;
}

function isTiny(areaM2: number, parcelAreaM2: number, t: BoundaryErrorThresholds): boolean {
  return areaM2 < t.boundaryErrorM2 || areaM2 < t.boundaryErrorShare * parcelAreaM2;
}

function judgement(
  verdict: OverlayVerdict,
  reason: OverlayReason,
  severity: OverlayJudgement['severity'],
  areaM2: number,
  parcelAreaM2: number,
): OverlayJudgement {
  return { verdict, reason, severity, areaM2, share: parcelAreaM2 > 0 ? areaM2 / parcelAreaM2 : 0 };
}

/**
 * Turns an overlay measurement into the verdict for one control role. Pure; never throws.
 * - 永久基本农田 / 生态保护红线: any overlap is a serious conflict, unless it is a 边界误差
 *   (DOMAIN.md §三区三线 — "any overlap … → serious conflict"; tolerance as above).
 * - 城镇开发边界: a part outside the boundary is flagged with its area, unless that part is a
 *   边界误差 (DOMAIN.md §三区三线).
 * - 开发区/园区: new industrial projects must lie inside a park (004 §3): inside, outside or partial,
 *   a part below tolerance on either side counting as none.
 * - A failed overlay stays 'failed' (never read as "no conflict").
 */
export function judgeOverlay(input: OverlayVerdictInput): OverlayJudgement {
  const { role, parcelAreaM2 } = input;
  if (input.failed !== undefined) {
    return { ...judgement('failed', 'overlay-failed', 'warning', 0, parcelAreaM2), detail: input.failed };
  }
  const t: BoundaryErrorThresholds = { ...DEFAULT_BOUNDARY_ERROR_THRESHOLDS, ...input.thresholds };
  if (
    !Number.isFinite(input.insideM2) ||
    !Number.isFinite(parcelAreaM2) ||
    input.insideM2 < 0 ||
    parcelAreaM2 <= 0 ||
    !(t.boundaryErrorM2 >= 0) ||
    !(t.boundaryErrorShare >= 0)
  ) {
    return judgement(
      'failed',
      'invalid-input',
      'warning',
      0,
      Number.isFinite(parcelAreaM2) ? parcelAreaM2 : 0,
    );
  }
  // Overlay can exceed the parcel by float noise; the part inside is never more than the parcel.
  const inside = Math.min(input.insideM2, parcelAreaM2);
  const outside = parcelAreaM2 - inside;
  switch (role) {
    case 'permanent-farmland':
    case 'ecological-redline':
      if (inside === 0) return judgement('ok', 'no-overlap', 'none', 0, parcelAreaM2);
      if (isTiny(inside, parcelAreaM2, t)) {
        return judgement('boundary-error', 'overlap-within-tolerance', 'listed', inside, parcelAreaM2);
      }
      return judgement('conflict', 'overlaps-protected-land', 'serious', inside, parcelAreaM2);
    case 'development-boundary':
      if (outside === 0) return judgement('ok', 'inside-boundary', 'none', 0, parcelAreaM2);
      if (isTiny(outside, parcelAreaM2, t)) {
        return judgement('boundary-error', 'outside-part-within-tolerance', 'listed', outside, parcelAreaM2);
      }
      return judgement('outside', 'outside-boundary', 'serious', outside, parcelAreaM2);
    case 'park':
      if (outside === 0 || isTiny(outside, parcelAreaM2, t)) {
        return judgement('inside', 'inside-park', 'none', outside, parcelAreaM2);
      }
      if (inside === 0 || isTiny(inside, parcelAreaM2, t)) {
        return judgement('outside', 'outside-park', 'warning', outside, parcelAreaM2);
      }
      return judgement('partial', 'partly-inside-park', 'warning', outside, parcelAreaM2);
  }
}
