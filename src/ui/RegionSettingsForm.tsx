import { useEffect, useRef, useState } from 'react';
import { percent, REGION_PRESETS, type RegionId, type RegionSettings, ratioValue } from '../domain/regions';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

type NumberField =
  | 'idleYearsNotStarted'
  | 'idleFreeRecoveryYears'
  | 'approvalLapseYears'
  | 'maxProjectMu'
  | 'leftoverMaxMu'
  | 'farNational'
  | 'farProvincial';
type PercentField = 'idleInvestmentShare' | 'maxAdminFacilityShare' | 'asnRate' | 'idleRate' | 'supplyRate';

const NUMBER_FIELDS: NumberField[] = [
  'idleYearsNotStarted',
  'idleFreeRecoveryYears',
  'approvalLapseYears',
  'maxProjectMu',
  'leftoverMaxMu',
  'farNational',
  'farProvincial',
];
const PERCENT_FIELDS: PercentField[] = [
  'idleInvestmentShare',
  'maxAdminFacilityShare',
  'asnRate',
  'idleRate',
  'supplyRate',
];

function toForm(region: RegionSettings): Record<string, string> {
  const th = region.thresholds;
  const tg = region.targets;
  const pct = (r: { numerator: number; denominator: number } | null) =>
    r ? String(+(ratioValue(r) * 100).toFixed(4)) : '';
  return {
    idleYearsNotStarted: String(th.idleYearsNotStarted),
    idleFreeRecoveryYears: String(th.idleFreeRecoveryYears),
    approvalLapseYears: String(th.approvalLapseYears),
    maxProjectMu: th.maxProjectMu === null ? '' : String(th.maxProjectMu),
    leftoverMaxMu: String(th.leftoverMaxMu),
    farNational: th.minFloorAreaRatio.national === null ? '' : String(th.minFloorAreaRatio.national),
    farProvincial: th.minFloorAreaRatio.provincial === null ? '' : String(th.minFloorAreaRatio.provincial),
    idleInvestmentShare: pct(th.idleInvestmentShare),
    maxAdminFacilityShare: pct(th.maxAdminFacilityShare),
    asnRate: pct(tg.approvedNotSuppliedDisposalRate),
    idleRate: pct(tg.idleDisposalRate),
    supplyRate: pct(tg.fiveYearSupplyRate),
  };
}

/** Values that may be empty mean "not set by this region" (the rule is then off). */
function fromForm(base: RegionSettings, form: Record<string, string>): RegionSettings | null {
  const num = (key: string, optional: boolean): number | null | undefined => {
    const text = (form[key] ?? '').trim();
    if (text === '') return optional ? null : undefined;
    const value = Number(text);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const values = {
    idleYearsNotStarted: num('idleYearsNotStarted', false),
    idleFreeRecoveryYears: num('idleFreeRecoveryYears', false),
    approvalLapseYears: num('approvalLapseYears', false),
    maxProjectMu: num('maxProjectMu', true),
    leftoverMaxMu: num('leftoverMaxMu', false),
    farNational: num('farNational', true),
    farProvincial: num('farProvincial', true),
    idleInvestmentShare: num('idleInvestmentShare', false),
    maxAdminFacilityShare: num('maxAdminFacilityShare', true),
    asnRate: num('asnRate', false),
    idleRate: num('idleRate', false),
    supplyRate: num('supplyRate', false),
  };
  if (Object.values(values).some((v) => v === undefined)) return null;
  const v = values as Record<keyof typeof values, number | null>;
  return {
    ...base,
    id: `${String(base.id).replace(/-custom$/, '')}-custom`,
    thresholds: {
      ...base.thresholds,
      idleYearsNotStarted: v.idleYearsNotStarted as number,
      idleFreeRecoveryYears: v.idleFreeRecoveryYears as number,
      approvalLapseYears: v.approvalLapseYears as number,
      maxProjectMu: v.maxProjectMu,
      leftoverMaxMu: v.leftoverMaxMu as number,
      minFloorAreaRatio: { national: v.farNational, provincial: v.farProvincial },
      idleInvestmentShare: percent(v.idleInvestmentShare as number),
      maxAdminFacilityShare: v.maxAdminFacilityShare === null ? null : percent(v.maxAdminFacilityShare),
    },
    targets: {
      ...base.targets,
      approvedNotSuppliedDisposalRate: percent(v.asnRate as number),
      idleDisposalRate: percent(v.idleRate as number),
      fiveYearSupplyRate: percent(v.supplyRate as number),
    },
  };
}

/** The region preset and its main thresholds and targets, editable; used by the rules and statistics. */
export function RegionSettingsForm() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const region = useAppStore((s) => s.region);
  const setRegion = useAppStore((s) => s.setRegion);
  const showError = useAppStore((s) => s.showError);
  const [form, setForm] = useState<Record<string, string>>(() => toForm(region));
  // The form follows the stored region (another tab, a reset), but not the echo of a change made
  // here: typing right after choosing a preset is not overwritten when the store catches up.
  const stored = JSON.stringify(toForm(region));
  const applied = useRef(stored);
  useEffect(() => {
    if (stored === applied.current) return;
    applied.current = stored;
    setForm(JSON.parse(stored) as Record<string, string>);
  }, [stored]);
  const choose = (next: RegionSettings) => {
    const values = toForm(next);
    applied.current = JSON.stringify(values);
    setForm(values);
    setRegion(next).catch(showError);
  };
  const edited = fromForm(region, form);
  const presetId = String(region.id).replace(/-custom$/, '');
  return (
    <fieldset className="check-settings" data-testid="region-settings">
      <legend>{t('region')}</legend>
      <select
        data-testid="region-select"
        value={presetId}
        onChange={(e) => choose(REGION_PRESETS[e.target.value as RegionId])}
      >
        {Object.values(REGION_PRESETS).map((preset) => (
          <option key={preset.id} value={preset.id}>
            {preset.name[locale]}
          </option>
        ))}
      </select>
      {String(region.id).endsWith('-custom') && <small className="muted">{t('regionEdited')}</small>}
      <div className="facts-grid">
        {[...NUMBER_FIELDS, ...PERCENT_FIELDS].map((key) => (
          <label key={key} className="field">
            <span>{t(`region-${key}`)}</span>
            <input
              inputMode="decimal"
              value={form[key] ?? ''}
              data-testid={`region-${key}`}
              onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))}
            />
          </label>
        ))}
      </div>
      {!edited && <span className="field-error">{t('thresholdInvalid')}</span>}
      <button
        type="button"
        disabled={!edited}
        data-testid="save-region"
        onClick={() => edited && choose(edited)}
      >
        {t('saveRegion')}
      </button>
    </fieldset>
  );
}
