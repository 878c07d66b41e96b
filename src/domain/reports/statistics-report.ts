import type { ChangeEntry } from '../change-entry';
import {
  disposalRate,
  fiveYearSupplyRate,
  type Grouping,
  type GroupRow,
  groupRecords,
  type QuarterProgress,
  quarterlyProgress,
  type RateIndicator,
  type SupplyRateIndicator,
} from '../indicators';
import type { ParcelRecord } from '../parcel';
import type { RegionTargets } from '../regions';

/** A parcel record as the reports read it: everything but the geometry. */
export type ReportRecord = Omit<ParcelRecord, 'geometry'>;

/** The groupings of the statistics page, in display order. */
export const GROUPINGS: readonly Grouping[] = [
  'category',
  'subType',
  'status',
  'disposalMethod',
  'township',
  'park',
  'conflict',
];

/** One conflict of the printable report: a parcel that crosses a control line. */
export interface ReportConflict {
  id: string;
  code: string;
  role: string;
  verdict: string;
  /** Area in conflict (inside the control polygons; outside the boundary for 'outside'), m². */
  m2: number;
}

/** Everything the statistics page and the printed report show, computed from records and change log. */
export interface StatisticsReport {
  year: number;
  /** The year's revitalisation task, m² (an input: the province sets it each year). */
  taskM2: number;
  today: string;
  total: { count: number; areaM2: number };
  groups: Record<Grouping, GroupRow[]>;
  approvedNotSupplied: RateIndicator;
  idle: RateIndicator;
  supply: SupplyRateIndicator;
  quarters: QuarterProgress[];
  conflicts: ReportConflict[];
}

/**
 * Statistics of the records for a year: the seven groupings (domain `groupRecords`) and the
 * indicators (domain `disposalRate`, `fiveYearSupplyRate`, `quarterlyProgress`) with the region's
 * targets. Pure; used by the statistics page, the printed report, the bench and tests.
 */
export function buildStatistics(
  records: readonly ReportRecord[],
  changes: readonly ChangeEntry[],
  options: { year: number; taskM2: number; targets: RegionTargets; today: string },
): StatisticsReport {
  const { year, taskM2, targets, today } = options;
  const groups = {} as Record<Grouping, GroupRow[]>;
  for (const grouping of GROUPINGS) groups[grouping] = groupRecords(records, grouping);
  let areaM2 = 0;
  const conflicts: ReportConflict[] = [];
  for (const record of records) {
    areaM2 += record.areaM2;
    for (const check of record.overlay ?? []) {
      if (check.verdict !== 'conflict' && check.verdict !== 'outside') continue;
      if (check.role === 'park') continue;
      conflicts.push({
        id: record.id,
        code: record.facts.code ?? record.id,
        role: check.role,
        verdict: check.verdict,
        m2: check.verdict === 'outside' ? Math.max(0, record.areaM2 - check.insideM2) : check.insideM2,
      });
    }
  }
  conflicts.sort((a, b) => b.m2 - a.m2);
  return {
    year,
    taskM2,
    today,
    total: { count: records.length, areaM2 },
    groups,
    approvedNotSupplied: disposalRate('approved-not-supplied', records, changes, year, targets),
    idle: disposalRate('idle', records, changes, year, targets),
    supply: fiveYearSupplyRate(records, changes, year, targets),
    quarters: quarterlyProgress(records, changes, year, taskM2, targets, today),
    conflicts,
  };
}
