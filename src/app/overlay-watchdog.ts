import { judgeOverlay } from '../domain/overlay-verdict';
import type { ControlRole, OverlayCheck } from '../domain/parcel';
import { CONTROL_ROLES } from '../domain/parcel';
import type { AreaGeometry } from '../geo/geometry.types';
import { AppError } from '../shared/errors';
import type { OverlayService } from '../store/services';

/** The failure code of a check the watchdog gave up on (shown as "not checked (timed out)"). */
export const OVERLAY_TIMEOUT = 'timeout';

/** One running overlay engine (a Worker in the app, a worker_threads stand-in in tests). */
export interface OverlayEngine {
  service: OverlayService;
  /** Ends the engine at once, even in the middle of a synchronous loop. */
  terminate(): void;
}

export interface OverlayWatchdogOptions {
  /** Budget of one call (a single check, the pieces, and the base of a batch), ms. */
  callMs: number;
  /** Added to a batch's budget per parcel, ms. */
  perItemMs: number;
  /** Budget of loading the control layers (building their indexes), ms. */
  setControlsMs: number;
  /** Told each time a hung engine was terminated (for logs and tests). */
  onRestart?(what: 'check' | 'checkMany' | 'pieces' | 'setControls'): void;
}

/**
 * Generous hang detectors, not timing promises: a polygon clipper can loop forever on unlucky
 * input (Turfjs/turf#2705, #2955; RELIABILITY.md §0.9, test 61).
 */
export const DEFAULT_OVERLAY_WATCHDOG: OverlayWatchdogOptions = {
  callMs: 30_000,
  perItemMs: 100,
  setControlsMs: 5 * 60_000,
};

class Hung extends Error {}

type Controls = Parameters<OverlayService['setControls']>[0];

/** The checks of a parcel the engine did not finish: every loaded role 'failed' with the timeout code. */
export function timedOutChecks(roles: readonly ControlRole[], parcelAreaM2: number): OverlayCheck[] {
  return CONTROL_ROLES.filter((role) => roles.includes(role)).map((role) => {
    const judgement = judgeOverlay({ role, insideM2: 0, parcelAreaM2, failed: OVERLAY_TIMEOUT });
    return {
      role,
      insideM2: 0,
      verdict: judgement.verdict,
      reason: judgement.reason,
      failure: OVERLAY_TIMEOUT,
    };
  });
}

/**
 * Wraps the overlay engine with a watchdog: a call that does not answer within its budget
 * terminates the engine; the next call starts a fresh one and reloads the control layers. A hung
 * single check becomes 'failed' checks with failure 'timeout' (never "no conflict"); a hung batch
 * is redone parcel by parcel so only the parcel that hangs is marked and the rest are checked; hung
 * pieces draw nothing. The app never waits forever.
 */
export function createWatchedOverlay(
  spawn: () => OverlayEngine,
  options: OverlayWatchdogOptions = DEFAULT_OVERLAY_WATCHDOG,
): OverlayService {
  let engine: OverlayEngine | null = null;
  let controls: Controls = [];
  let loaded = false;

  const kill = () => {
    engine?.terminate();
    engine = null;
    loaded = false;
  };

  function guarded<T>(
    work: Promise<T>,
    ms: number,
    what: Parameters<NonNullable<OverlayWatchdogOptions['onRestart']>>[0],
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        kill();
        options.onRestart?.(what);
        reject(new Hung(what));
      }, ms);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  async function ready(): Promise<OverlayService> {
    engine ??= spawn();
    const current = engine;
    if (!loaded) {
      try {
        await guarded(current.service.setControls(controls), options.setControlsMs, 'setControls');
      } catch (error) {
        if (!(error instanceof Hung)) throw error;
        throw new AppError(
          'internal',
          'The control layers could not be loaded for checking in time; check the control layers and try again.',
        );
      }
      loaded = true;
    }
    return current.service;
  }

  const roles = () => controls.map((layer) => layer.role);

  async function checkOne(
    geometry: AreaGeometry,
    parcelAreaM2: number,
    thresholds: Parameters<OverlayService['check']>[2],
  ): Promise<OverlayCheck[]> {
    const service = await ready();
    try {
      return await guarded(service.check(geometry, parcelAreaM2, thresholds), options.callMs, 'check');
    } catch (error) {
      if (error instanceof Hung) return timedOutChecks(roles(), parcelAreaM2);
      throw error;
    }
  }

  return {
    async setControls(layers) {
      controls = layers;
      loaded = false;
      await ready();
    },

    check: checkOne,

    async checkMany(items, thresholds) {
      const service = await ready();
      try {
        return await guarded(
          service.checkMany(items, thresholds),
          options.callMs + options.perItemMs * items.length,
          'checkMany',
        );
      } catch (error) {
        if (!(error instanceof Hung)) throw error;
      }
      // The batch hung: find the parcel(s) responsible, one call each, so the rest still get checked.
      const out: { id: string; checks: OverlayCheck[] }[] = [];
      for (const item of items)
        out.push({ id: item.id, checks: await checkOne(item.geometry, item.areaM2, thresholds) });
      return out;
    },

    async pieces(geometry) {
      const service = await ready();
      try {
        return await guarded(service.pieces(geometry), options.callMs, 'pieces');
      } catch (error) {
        if (error instanceof Hung) return [];
        throw error;
      }
    },
  };
}
