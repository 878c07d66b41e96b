import { useState } from 'react';
import { AppError } from '../shared/errors';
import { useT } from './i18n';
import { formatBytes } from './StorageStatus';
import { useAppStore } from './use-app-store';

const TILE_NAMES = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP', mvt: 'MVT' } as const;

const degrees = (value: number) => value.toFixed(3);

/** Settings section: pick a local PMTiles archive as the offline basemap, see what it holds, remove it. */
export function OfflineBasemapSettings() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const basemap = useAppStore((s) => s.offlineBasemap);
  const busy = useAppStore((s) => s.offlineBasemapBusy);
  const setOfflineBasemap = useAppStore((s) => s.setOfflineBasemap);
  const removeOfflineBasemap = useAppStore((s) => s.removeOfflineBasemap);
  const showError = useAppStore((s) => s.showError);
  const [problem, setProblem] = useState<string | null>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    try {
      await setOfflineBasemap(file);
    } catch (error) {
      if (error instanceof AppError && error.code === 'file-unsupported' && error.details.problem)
        setProblem(`pmtiles-${error.details.problem}`);
      else showError(error);
    }
  };

  return (
    <section
      className="offline-basemap"
      data-testid="offline-basemap"
      aria-labelledby="offline-basemap-title"
    >
      <h3 id="offline-basemap-title">{t('offlineBasemap')}</h3>
      <p className="muted small">{t('offlineBasemapHelp')}</p>
      {basemap ? (
        <dl className="offline-basemap-info" data-testid="offline-basemap-info">
          <dt>{t('offlineBasemapFile')}</dt>
          <dd data-testid="offline-basemap-name">{basemap.name}</dd>
          <dt>{t('offlineBasemapSize')}</dt>
          <dd>{formatBytes(basemap.size, locale)}</dd>
          <dt>{t('offlineBasemapType')}</dt>
          <dd data-testid="offline-basemap-type">
            {TILE_NAMES[basemap.tileType]} ·{' '}
            {t(basemap.tileType === 'mvt' ? 'offlineBasemapVector' : 'offlineBasemapRaster')}
          </dd>
          <dt>{t('offlineBasemapZooms')}</dt>
          <dd data-testid="offline-basemap-zooms">
            {basemap.minZoom}–{basemap.maxZoom}
          </dd>
          <dt>{t('offlineBasemapBounds')}</dt>
          <dd data-testid="offline-basemap-bounds">{basemap.bounds.map(degrees).join(', ')}</dd>
          {basemap.attribution && (
            <>
              <dt>{t('offlineBasemapAttribution')}</dt>
              {/* Plain text from the archive's metadata (tags dropped on reading): a text node only. */}
              <dd data-testid="offline-basemap-attribution">{basemap.attribution}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">{t('offlineBasemapNone')}</p>
      )}
      {basemap?.kept === 'session' && (
        <p className="warning" data-testid="offline-basemap-session">
          {t('offlineBasemapSession')}
        </p>
      )}
      {problem && (
        <p className="warning" role="alert" data-testid="offline-basemap-problem">
          {t(problem)}
        </p>
      )}
      <label className="file-button">
        <span>{busy ? t('offlineBasemapChecking') : t('offlineBasemapChoose')}</span>
        <input
          type="file"
          accept=".pmtiles,application/vnd.pmtiles"
          data-testid="offline-basemap-file"
          disabled={busy}
          onChange={(e) => {
            const input = e.currentTarget;
            void choose(input.files?.[0]).finally(() => {
              input.value = '';
            });
          }}
        />
      </label>
      {basemap && (
        <button
          type="button"
          className="danger"
          data-testid="offline-basemap-remove"
          onClick={() => {
            setProblem(null);
            removeOfflineBasemap().catch(showError);
          }}
        >
          {t('offlineBasemapRemove')}
        </button>
      )}
    </section>
  );
}
