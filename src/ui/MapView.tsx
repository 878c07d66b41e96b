import { type DragEvent, useEffect, useRef, useState } from 'react';
import { MapController } from '../map/map-controller';
import { useT } from './i18n';
import { useAppStore, useAppStoreApi } from './use-app-store';

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
  const importPicked = useAppStore((s) => s.importPickedFiles);
  const expectImport = useAppStore((s) => s.expectImport);
  const showError = useAppStore((s) => s.showError);
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) importPicked(files).catch(showError);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the map is a drop target for files; the header's Import button is the keyboard way in.
    <div
      className={`map-wrap ${dragging ? 'dragging' : ''}`}
      onDragEnter={(e) => {
        if (e.dataTransfer.types.includes('Files')) expectImport();
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="map-drop"
    >
      <section ref={container} className="map" data-testid="map" aria-label={t('mapLoading')} />
      {dragging && <div className="drop-hint">{t('dropHere')}</div>}
    </div>
  );
}
