import { useEffect, useState } from 'react';
import type { Grouping, RateIndicator } from '../../domain/indicators';
import { formatRatio, type Ratio } from '../../domain/regions';
import { groupLabel } from '../../domain/reports/group-label';
import { GROUPINGS, type StatisticsReport } from '../../domain/reports/statistics-report';
import { muToSquareMetres, squareMetresToMu } from '../../domain/units';
import { statisticsCsv } from '../../store/statistics-csv';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';
import { ColorBySelect } from './ColorBySelect';
import { BarChart, DonutChart } from './charts';
import { downloadFile } from './download';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(2)}%`);

function Verdict({ met, pending }: { met: boolean | null; pending?: boolean }) {
  const t = useT();
  const text = met === null ? (pending ? t('rpPending') : t('rpNoData')) : met ? t('rpMet') : t('rpNotMet');
  return (
    <span
      className={`verdict ${met === null ? 'none' : met ? 'met' : 'not-met'}`}
      data-testid="indicator-verdict"
    >
      {text}
    </span>
  );
}

function RateCard({ title, indicator, testId }: { title: string; indicator: RateIndicator; testId: string }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const mu = (m2: number) => squareMetresToMu(m2).toLocaleString(locale, { maximumFractionDigits: 2 });
  return (
    <div className="indicator" data-testid={testId} data-rate={indicator.rate ?? ''}>
      <div className="indicator-head">
        <strong>{title}</strong>
        <Verdict met={indicator.met} />
      </div>
      <div className="small">
        {t('rpRateLine', {
          part: mu(indicator.partM2),
          whole: mu(indicator.wholeM2),
          rate: percent(indicator.rate),
          target: formatRatio(indicator.target),
          count: indicator.count,
        })}
      </div>
    </div>
  );
}

/** The indicators of a report: each met / not met with the numbers behind it. */
export function Indicators({ report }: { report: StatisticsReport }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const mu = (m2: number) => squareMetresToMu(m2).toLocaleString(locale, { maximumFractionDigits: 2 });
  const target = (r: Ratio) => formatRatio(r);
  return (
    <section className="indicators" data-testid="indicators">
      <h3>
        {t('rpIndicators')} · {report.year}
      </h3>
      <RateCard
        title={t('rpApprovedRate')}
        indicator={report.approvedNotSupplied}
        testId="indicator-approved"
      />
      <RateCard title={t('rpIdleRate')} indicator={report.idle} testId="indicator-idle" />
      <RateCard
        title={`${t('rpSupplyMid')} (${t('rpApprovalYears', { from: report.supply.approvalYears[0], to: report.supply.approvalYears[1] })})`}
        indicator={report.supply.midYear}
        testId="indicator-supply-mid"
      />
      <RateCard title={t('rpSupplyEnd')} indicator={report.supply.yearEnd} testId="indicator-supply-end" />
      <div className="indicator" data-testid="indicator-quarterly">
        <div className="indicator-head">
          <strong>{t('rpQuarterly')}</strong>
        </div>
        {report.quarters.map((q) => (
          <div key={q.quarter} className="quarter small">
            <span>{t('rpQuarter', { n: q.quarter })}</span>{' '}
            {t('rpQuarterLine', {
              done: mu(q.doneM2),
              task: mu(report.taskM2),
              rate: percent(q.share),
              target: target(q.target),
            })}{' '}
            <Verdict met={q.met} pending={report.today < q.endDate} />
          </div>
        ))}
      </div>
    </section>
  );
}

/** A grouping as a table (count, 亩, 公顷). */
export function GroupTable({ report, grouping }: { report: StatisticsReport; grouping: Grouping }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const rows = report.groups[grouping];
  return (
    <table className="stats-table" data-testid={`stats-table-${grouping}`}>
      <caption>{t(`group-${grouping}`)}</caption>
      <thead>
        <tr>
          <th>{t('rpGroup')}</th>
          <th>{t('rpCount')}</th>
          <th>{t('rpMu')}</th>
          <th>{t('rpHa')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>
              {groupLabel(
                locale,
                grouping,
                row.key,
                grouping === 'conflict' ? t('rpNoConflict') : t('rpNotSet'),
              )}
            </td>
            <td className="numeric">{row.count.toLocaleString(locale)}</td>
            <td className="numeric">{row.mu.toLocaleString(locale, { maximumFractionDigits: 2 })}</td>
            <td className="numeric">{row.hectares.toLocaleString(locale, { maximumFractionDigits: 4 })}</td>
          </tr>
        ))}
      </tbody>
      {grouping === 'conflict' && (
        <tfoot>
          <tr>
            <td colSpan={4} className="muted small">
              {t('rpConflictNote')}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Statistics by grouping (tables and charts) and the indicators of a chosen year. */
export function StatisticsView({ onPrint }: { onPrint(): void }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const report = useAppStore((s) => s.statistics);
  const compute = useAppStore((s) => s.computeStatistics);
  const showError = useAppStore((s) => s.showError);
  const dataRevision = useAppStore((s) => s.dataRevision);
  const lastChanged = useAppStore((s) => s.lastChanged.revision);
  const [year, setYear] = useState(() => report?.year ?? new Date().getFullYear());
  const [taskMu, setTaskMu] = useState(() => (report ? Math.round(squareMetresToMu(report.taskM2)) : 500));
  const [grouping, setGrouping] = useState<Grouping>('category');
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the data changes (revision counters).
  useEffect(() => {
    compute(year, muToSquareMetres(taskMu)).catch(showError);
  }, [compute, showError, dataRevision, lastChanged]);
  const rows = report?.groups[grouping] ?? [];
  const notSet = grouping === 'conflict' ? t('rpNoConflict') : t('rpNotSet');
  const chartData = rows.map((r) => ({ label: groupLabel(locale, grouping, r.key, notSet), value: r.mu }));
  const saveCsv = () => {
    if (!report) return;
    const groupings = {} as Record<Grouping, string>;
    for (const g of GROUPINGS) groupings[g] = t(`group-${g}`);
    downloadFile({
      fileName: `landstock-statistics-${report.year}.csv`,
      mime: 'text/csv;charset=utf-8',
      data: statisticsCsv(report, locale, {
        grouping: t('rpGrouping'),
        group: t('rpGroup'),
        count: t('rpCount'),
        mu: t('rpMu'),
        hectares: t('rpHa'),
        m2: t('rpM2'),
        notSet: t('rpNotSet'),
        groupings,
      }),
    });
  };
  return (
    <div className="statistics" data-testid="statistics">
      <div className="report-filters">
        <label className="inline-field">
          {t('rpYear')}
          <input
            type="number"
            className="narrow"
            value={year}
            data-testid="stats-year"
            onChange={(e) => setYear(Number(e.target.value))}
          />
        </label>
        <label className="inline-field">
          {t('rpTask')}
          <input
            type="number"
            min={0}
            className="narrow"
            value={taskMu}
            data-testid="stats-task"
            onChange={(e) => setTaskMu(Number(e.target.value))}
          />
        </label>
        <button
          type="button"
          className="primary"
          data-testid="stats-compute"
          onClick={() => compute(year, muToSquareMetres(taskMu)).catch(showError)}
        >
          {t('rpCompute')}
        </button>
        <button type="button" data-testid="stats-csv" disabled={!report} onClick={saveCsv}>
          {t('rpStatisticsCsv')}
        </button>
        <button type="button" data-testid="print-report" disabled={!report} onClick={onPrint}>
          {t('rpPrint')}
        </button>
        <ColorBySelect testId="stats-color-by" />
      </div>
      {!report && <p className="muted">{t('rpLoading')}</p>}
      {report && (
        <div className="statistics-grid">
          <section>
            <div className="tabs" role="tablist">
              {GROUPINGS.map((g) => (
                <button
                  key={g}
                  type="button"
                  role="tab"
                  aria-selected={g === grouping}
                  data-testid={`grouping-${g}`}
                  onClick={() => setGrouping(g)}
                >
                  {t(`group-${g}`)}
                </button>
              ))}
            </div>
            <GroupTable report={report} grouping={grouping} />
            <BarChart data={chartData} unit={t('rpMu')} title={t(`group-${grouping}`)} />
            <DonutChart data={chartData} title={t(`group-${grouping}`)} />
          </section>
          <Indicators report={report} />
        </div>
      )}
    </div>
  );
}
