import { useState } from 'react';
import { CheckSettingsForm } from './CheckSettingsForm';
import { Dialog } from './Dialog';
import { useT } from './i18n';
import { OfflineBasemapSettings } from './OfflineBasemapSettings';
import { RegionSettingsForm } from './RegionSettingsForm';
import { StorageStatus } from './StorageStatus';
import { useAppStore } from './use-app-store';

/** Inspector name, the optional online basemap, and the demo reset (asks first). */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const basemapUrl = useAppStore((s) => s.basemapUrl);
  const inspectorName = useAppStore((s) => s.inspectorName);
  const setBasemapUrl = useAppStore((s) => s.setBasemapUrl);
  const setInspectorName = useAppStore((s) => s.setInspectorName);
  const resetDemo = useAppStore((s) => s.resetDemo);
  const showError = useAppStore((s) => s.showError);
  const [url, setUrl] = useState(basemapUrl);
  const [name, setName] = useState(inspectorName);
  const [confirming, setConfirming] = useState(false);
  return (
    <Dialog id="settings" title={t('settings')} onClose={onClose}>
      <label className="field">
        <span>{t('inspectorName')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={40} />
      </label>
      <button type="button" onClick={() => setInspectorName(name.trim()).catch(showError)}>
        {t('save')}
      </button>
      <label className="field">
        <span>{t('basemap')}</span>
        <input
          value={url}
          placeholder="https://t0.tianditu.gov.cn/vec_w/wmts?…&tk=…"
          onChange={(e) => setUrl(e.target.value)}
          inputMode="url"
        />
        <small className="muted">{t('basemapHelp')}</small>
      </label>
      <button type="button" onClick={() => setBasemapUrl(url.trim()).catch(showError)}>
        {t('basemapSave')}
      </button>
      <OfflineBasemapSettings />
      <CheckSettingsForm />
      <RegionSettingsForm />
      <StorageStatus />
      <hr />
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-label={t('resetDemo')}>
          <p>{t('resetConfirm')}</p>
          <button
            type="button"
            className="danger"
            data-testid="confirm-reset"
            onClick={() => {
              setConfirming(false);
              onClose();
              void resetDemo();
            }}
          >
            {t('resetDemo')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('close')}
          </button>
        </div>
      ) : (
        <button type="button" className="danger" data-testid="reset-demo" onClick={() => setConfirming(true)}>
          {t('resetDemo')}
        </button>
      )}
    </Dialog>
  );
}
