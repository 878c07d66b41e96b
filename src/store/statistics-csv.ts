import type { Grouping } from '../domain/indicators';
import type { Locale } from '../domain/labels';
import { groupLabel } from '../domain/reports/group-label';
import { GROUPINGS, type StatisticsReport } from '../domain/reports/statistics-report';
import { exportCsv } from '../io/export/csv.export';

/** The statistics tables as one CSV (UTF-8 with BOM, formula-neutralised) in the chosen locale. */
export function statisticsCsv(
  report: StatisticsReport,
  locale: Locale,
  headers: StatisticsCsvHeaders,
): string {
  const rows: { grouping: string; key: string; count: number; mu: number; hectares: number; m2: number }[] =
    [];
  for (const grouping of GROUPINGS) {
    for (const row of report.groups[grouping]) {
      rows.push({
        grouping: headers.groupings[grouping],
        key: groupLabel(locale, grouping, row.key, headers.notSet),
        count: row.count,
        mu: Math.round(row.mu * 100) / 100,
        hectares: Math.round(row.hectares * 10_000) / 10_000,
        m2: Math.round(row.areaM2 * 100) / 100,
      });
    }
  }
  return exportCsv(rows, [
    { header: headers.grouping, value: (r) => r.grouping },
    { header: headers.group, value: (r) => r.key },
    { header: headers.count, value: (r) => r.count },
    { header: headers.mu, value: (r) => r.mu },
    { header: headers.hectares, value: (r) => r.hectares },
    { header: headers.m2, value: (r) => r.m2 },
  ]);
}

export interface StatisticsCsvHeaders {
  grouping: string;
  group: string;
  count: string;
  mu: string;
  hectares: string;
  m2: string;
  notSet: string;
  groupings: Record<Grouping, string>;
}
