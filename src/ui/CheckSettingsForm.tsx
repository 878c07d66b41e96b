import { useState } from 'react';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

/** The thresholds of the checks: 边界误差 (m² and share) and the declared-area difference. */
export function CheckSettingsForm() {
  const t = useT();
  const settings = useAppStore((s) => s.checkSettings);
  const save = useAppStore((s) => s.setCheckSettings);
  const showError = useAppStore((s) => s.showError);
  const [m2, setM2] = useState(String(settings.boundaryErrorM2));
  const [share, setShare] = useState(String(settings.boundaryErrorShare * 100));
  const [areaShare, setAreaShare] = useState(String(settings.areaDifferenceShare * 100));
  const [saving, setSaving] = useState(false);
  const values = [Number(m2), Number(share), Number(areaShare)];
  const valid =
    values.every((v) => Number.isFinite(v) && v >= 0) && Number(share) <= 100 && Number(areaShare) <= 100;
  return (
    <fieldset className="check-settings" data-testid="check-settings">
      <legend>{t('checkThresholds')}</legend>
      <div className="field-pair">
        <label className="field">
          <span>{t('boundaryErrorM2')}</span>
          <input
            inputMode="decimal"
            value={m2}
            onChange={(e) => setM2(e.target.value)}
            data-testid="boundary-error-m2"
          />
        </label>
        <label className="field">
          <span>{t('boundaryErrorShare')}</span>
          <input inputMode="decimal" value={share} onChange={(e) => setShare(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>{t('areaDifferenceShare')}</span>
        <input inputMode="decimal" value={areaShare} onChange={(e) => setAreaShare(e.target.value)} />
      </label>
      {!valid && <span className="field-error">{t('thresholdInvalid')}</span>}
      <button
        type="button"
        disabled={!valid || saving}
        data-testid="save-check-settings"
        onClick={() => {
          setSaving(true);
          save({
            boundaryErrorM2: Number(m2),
            boundaryErrorShare: Number(share) / 100,
            areaDifferenceShare: Number(areaShare) / 100,
          })
            .catch(showError)
            .finally(() => setSaving(false));
        }}
      >
        {t('saveThresholds')}
      </button>
    </fieldset>
  );
}
