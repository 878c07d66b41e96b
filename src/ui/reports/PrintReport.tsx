import { label } from '../../domain/labels';
import { GROUPINGS, type StatisticsReport } from '../../domain/reports/statistics-report';
import { squareMetresToHectares, squareMetresToMu } from '../../domain/units';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';
import { GroupTable, Indicators } from './StatisticsView';

const MAX_CONFLICTS = 300;

/** The printed report (shown only by the print stylesheet): map, indicators, statistics, conflicts. */
export function PrintReport({ report, mapImage }: { report: StatisticsReport; mapImage: string | null }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const conflicts = report.conflicts.slice(0, MAX_CONFLICTS);
  return (
    <article className="print-report" data-testid="print-report">
      <h1>{t('rpReportTitle')}</h1>
      <p className="muted">
        {t('rpReportDate', { date: report.today })} ·{' '}
        {t('rpTotals', {
          count: report.total.count.toLocaleString(locale),
          mu: squareMetresToMu(report.total.areaM2).toLocaleString(locale, { maximumFractionDigits: 2 }),
          ha: squareMetresToHectares(report.total.areaM2).toLocaleString(locale, {
            maximumFractionDigits: 4,
          }),
        })}
      </p>
      {mapImage && (
        <figure>
          <img src={mapImage} alt={t('rpMapImage')} className="print-map" />
        </figure>
      )}
      <Indicators report={report} />
      {GROUPINGS.map((g) => (
        <GroupTable key={g} report={report} grouping={g} />
      ))}
      <table className="stats-table">
        <caption>{t('rpConflictList')}</caption>
        <thead>
          <tr>
            <th>{t('rpColCode')}</th>
            <th>{t('rpGroup')}</th>
            <th>{t('rpMu')}</th>
          </tr>
        </thead>
        <tbody>
          {conflicts.map((c) => (
            <tr key={`${c.id}-${c.role}`}>
              <td>{c.code}</td>
              <td>
                {label(locale, 'layerRole', c.role)} · {label(locale, 'overlayVerdict', c.verdict)}
              </td>
              <td className="numeric">
                {squareMetresToMu(c.m2).toLocaleString(locale, { maximumFractionDigits: 2 })}
              </td>
            </tr>
          ))}
        </tbody>
        {report.conflicts.length > MAX_CONFLICTS && (
          <tfoot>
            <tr>
              <td colSpan={3}>{t('rpConflictMore', { count: report.conflicts.length - MAX_CONFLICTS })}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </article>
  );
}
