import { label } from '../../domain/labels';
import type { ParcelRecord } from '../../domain/parcel';
import { squareMetresToMu } from '../../domain/units';
import { CONTROL_COLORS } from '../../map/category-colors';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';

const SERIOUS = new Set(['conflict', 'outside', 'failed']);

/** Each 三区三线 / park check of the parcel with its numbers. */
export function OverlayChecks({ record }: { record: ParcelRecord }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const checks = record.overlay ?? [];
  if (checks.length === 0) return <p className="muted small">{t('noChecks')}</p>;
  return (
    <table className="checks" data-testid="overlay-checks">
      <thead>
        <tr>
          <th>{t('controlLayer')}</th>
          <th>{t('verdict')}</th>
          <th className="num">{t('overlapMu')}</th>
          <th className="num">{t('share')}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((check) => {
          // For the boundary the interesting part is what lies outside it.
          const m2 =
            check.role === 'development-boundary'
              ? Math.max(0, record.areaM2 - check.insideM2)
              : check.insideM2;
          const share = record.areaM2 > 0 ? (m2 / record.areaM2) * 100 : 0;
          return (
            <tr
              key={check.role}
              className={SERIOUS.has(check.verdict) ? 'serious' : ''}
              data-testid={`check-${check.role}`}
            >
              <td>
                <span className="swatch" style={{ borderColor: CONTROL_COLORS[check.role] }} />{' '}
                {label(locale, 'layerRole', check.role)}
                {check.role === 'development-boundary' && (
                  <span className="muted small"> ({t('outsidePart')})</span>
                )}
              </td>
              <td>{label(locale, 'overlayVerdict', check.verdict)}</td>
              <td className="num">{check.verdict === 'failed' ? '—' : squareMetresToMu(m2).toFixed(2)}</td>
              <td className="num">
                {check.verdict === 'failed'
                  ? check.failure === 'timeout'
                    ? t('checkTimedOut')
                    : (check.failure ?? '')
                  : `${share.toFixed(2)}%`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
