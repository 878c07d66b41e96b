import { useEffect, useRef } from 'react';
import { MapController } from '../map/map-controller';
import { useT } from './i18n';
import { useAppStoreApi } from './use-app-store';

/** Hosts the map; the MapController does the rest. */
export function MapView({ onReady }: { onReady?: (controller: MapController | null) => void }) {
  const container = useRef<HTMLElement>(null);
  const store = useAppStoreApi();
  const t = useT();
  useEffect(() => {
    if (!container.current) return;
    const controller = new MapController(container.current, store);
    onReady?.(controller);
    return () => {
      onReady?.(null);
      controller.destroy();
    };
  }, [store, onReady]);
  return <section ref={container} className="map" data-testid="map" aria-label={t('mapLoading')} />;
}
