import { useEffect } from 'react';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

/** Bytes as MB/GB for people (the browser's figures are estimates anyway). */
export function formatBytes(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1024) return `${(mb / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} GB`;
  return `${mb.toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** Settings section: storage used and available, and whether the browser granted persistence. */
export function StorageStatus() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const info = useAppStore((s) => s.storageInfo);
  const checkStorage = useAppStore((s) => s.checkStorage);
  useEffect(() => {
    void checkStorage();
  }, [checkStorage]);
  return (
    <section className="storage-status" data-testid="storage-status" aria-labelledby="storage-title">
      <h3 id="storage-title">{t('storage')}</h3>
      <p data-testid="storage-usage">
        {info && info.usage !== null && info.quota !== null
          ? t('storageUsed', {
              used: formatBytes(info.usage, locale),
              quota: formatBytes(info.quota, locale),
            })
          : t('storageUnknown')}
      </p>
      <p
        data-testid="storage-persisted"
        data-persisted={info?.persisted === null ? 'unknown' : String(info?.persisted ?? 'unknown')}
        className={info?.persisted === false ? 'warning' : undefined}
      >
        {info?.persisted === true
          ? t('storagePersisted')
          : info?.persisted === false
            ? t('storageNotPersisted')
            : t('storagePersistUnknown')}
      </p>
      {info?.persisted === false && (
        <button type="button" onClick={() => void checkStorage({ ask: true })}>
          {t('storageAskPersist')}
        </button>
      )}
    </section>
  );
}

/** The lasting (until dismissed) notice that the browser may clear this site's data. */
export function StorageNotice() {
  const t = useT();
  const refused = useAppStore((s) => s.storageInfo?.persisted === false);
  const dismissed = useAppStore((s) => s.storageNoticeDismissed);
  const dismiss = useAppStore((s) => s.dismissStorageNotice);
  if (!refused || dismissed) return null;
  return (
    <div className="storage-notice" role="status" data-testid="storage-notice">
      <span>{t('storageNotice')}</span>
      <button type="button" className="icon" aria-label={t('dismiss')} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
