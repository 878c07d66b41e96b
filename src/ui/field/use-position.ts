import { useEffect, useState } from 'react';
import type { GpsFix } from '../../domain/patrol';

/** The device position while `active`, updated as it moves (browser geolocation). */
export function usePosition(active: boolean): { fix: GpsFix | null; error: string | null } {
  const [fix, setFix] = useState<GpsFix | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!active) return;
    if (!('geolocation' in navigator)) {
      setError('unavailable');
      return;
    }
    const watch = navigator.geolocation.watchPosition(
      (p) => {
        setError(null);
        setFix({
          lon: p.coords.longitude,
          lat: p.coords.latitude,
          accuracyM: p.coords.accuracy,
          at: new Date(p.timestamp).toISOString(),
        });
      },
      (e) => setError(e.message || String(e.code)),
      { enableHighAccuracy: true, maximumAge: 2000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, [active]);
  return { fix, error };
}
