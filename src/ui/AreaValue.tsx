import { squareMetresToHectares, squareMetresToMu } from '../domain/units';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

/** An area in the chosen unit (亩 first); all three units in the tooltip; click cycles the unit. */
export function AreaValue({ m2, testId }: { m2: number; testId?: string }) {
  const t = useT();
  const unit = useAppStore((s) => s.areaUnit);
  const setUnit = useAppStore((s) => s.setAreaUnit);
  const mu = `${squareMetresToMu(m2).toFixed(2)} ${t('unitMu')}`;
  const sq = `${m2.toFixed(2)} ${t('unitM2')}`;
  const ha = `${squareMetresToHectares(m2).toFixed(4)} ${t('unitHa')}`;
  const shown = unit === 'mu' ? mu : unit === 'm2' ? sq : ha;
  const next = unit === 'mu' ? 'm2' : unit === 'm2' ? 'ha' : 'mu';
  return (
    <button
      type="button"
      className="area-value"
      data-testid={testId}
      title={`${mu} · ${sq} · ${ha} — ${t('areaUnitToggle')}`}
      onClick={() => setUnit(next)}
    >
      {shown}
    </button>
  );
}
