// Statistics benchmark (issue 7 "Speed"): the seven groupings and the four indicators over 10k and
// 100k synthetic parcels with a change log, plus the table's row model; medians of a few runs and
// the process's peak RSS. Run: `npm run bench statistics`.
import type { ChangeEntry } from '../src/domain/change-entry';
import { CATEGORIES, STATUSES } from '../src/domain/parcel';
import { defaultRegion } from '../src/domain/regions';
import { buildStatistics } from '../src/domain/reports/statistics-report';
import { tableRows } from '../src/domain/reports/table-rows';
import { seededRandom, syntheticRecords } from '../src/io/export/sample-records';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const peakRss = (): string => `${((process.resourceUsage().maxRSS * 1024) / 1048576).toFixed(0)} MB`;

function measure(label: string, runs: number, work: () => void): void {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  console.log(
    `  ${label.padEnd(36)} median ${median(times).toFixed(0).padStart(6)} ms  (${runs} runs, peak RSS ${peakRss()})`,
  );
}

/** Times statistics (groupings + indicators) and the table row model over 10k and 100k parcels. */
export async function run(): Promise<void> {
  for (const count of [10_000, 100_000]) {
    const random = seededRandom(11);
    const records = syntheticRecords(count).map((r, i) => ({
      ...r,
      category: CATEGORIES[i % CATEGORIES.length] ?? r.category,
      status: STATUSES[i % STATUSES.length] ?? r.status,
      facts: {
        ...r.facts,
        township: `乡镇${i % 17}`,
        approvalDate: `${2018 + (i % 8)}-0${1 + (i % 9)}-15`,
        approvedAreaM2: r.areaM2,
      },
    }));
    // About one status change per three parcels during the assessed year.
    const changes: ChangeEntry[] = [];
    for (const record of records) {
      if (random() > 0.33) continue;
      const month = 1 + Math.floor(random() * 12);
      changes.push({
        parcelId: record.id,
        at: `2025-${String(month).padStart(2, '0')}-10T02:00:00.000Z`,
        who: 'bench',
        field: 'status',
        oldValue: 'confirmed',
        newValue: record.status,
        batch: 'b',
      });
    }
    console.log(`${count.toLocaleString('en')} parcels, ${changes.length.toLocaleString('en')} log entries`);
    const runs = count > 50_000 ? 5 : 9;
    measure('statistics (7 groupings + indicators)', runs, () => {
      buildStatistics(records, changes, {
        year: 2025,
        taskM2: 1_000_000,
        targets: defaultRegion.targets,
        today: '2025-11-21',
      });
    });
    measure('table row model', runs, () => {
      tableRows(records);
    });
  }
}
