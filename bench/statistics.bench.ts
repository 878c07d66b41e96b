// Statistics benchmark (issue 7 "Speed"): the seven groupings and the four indicators over 10k and
// 100k synthetic parcels with a change log, the table's row model and the coloured map's classes —
// all computed in the reports worker in the app — and what is left on the UI thread: receiving the
// results (structured-clone deserialisation, as postMessage does) and the table's filter and sort.
// Medians of a few runs and the process's peak RSS. Run: `npm run bench statistics`.
import { deserialize, serialize } from 'node:v8';
import type { ChangeEntry } from '../src/domain/change-entry';
import { CATEGORIES, STATUSES } from '../src/domain/parcel';
import { summarize } from '../src/domain/parcel-summary';
import { defaultRegion } from '../src/domain/regions';
import { assignGroupClasses } from '../src/domain/reports/group-classes';
import { buildStatistics } from '../src/domain/reports/statistics-report';
import { tableRows } from '../src/domain/reports/table-rows';
import { seededRandom, syntheticRecords } from '../src/io/export/sample-records';
import { TABLE_BATCH } from '../src/store/report-table-slice';
import { EMPTY_FILTER, filterAndSort } from '../src/ui/reports/table-model';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const peakRss = (): string => `${((process.resourceUsage().maxRSS * 1024) / 1048576).toFixed(0)} MB`;

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/**
 * Medians of wall time and of this process's CPU time (the CPU figure holds up better on a shared
 * machine). `work` may return its own wall time (a part of what it does) instead.
 */
function measure(label: string, runs: number, work: () => unknown): void {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const startCpu = cpuMs();
    const reported = work();
    cpu.push(cpuMs() - startCpu);
    times.push(typeof reported === 'number' ? reported : performance.now() - start);
  }
  console.log(
    `  ${label.padEnd(44)} median ${median(times).toFixed(0).padStart(6)} ms (CPU ${median(cpu).toFixed(0)} ms)  (${runs} runs, peak RSS ${peakRss()})`,
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
    measure('worker: statistics (7 groupings + indicators)', runs, () => {
      buildStatistics(records, changes, {
        year: 2025,
        taskM2: 1_000_000,
        targets: defaultRegion.targets,
        today: '2025-11-21',
      });
    });
    measure('worker: table row model', runs, () => {
      tableRows(records);
    });
    measure('worker: map classes (township)', runs, () => {
      assignGroupClasses(records, 'township');
    });

    // The UI thread's share: deserialising what the worker posts (one message each).
    const report = buildStatistics(records, changes, {
      year: 2025,
      taskM2: 1_000_000,
      targets: defaultRegion.targets,
      today: '2025-11-21',
    });
    const received = (value: unknown) => {
      const bytes = serialize(value);
      const start = performance.now();
      deserialize(bytes);
      return performance.now() - start;
    };
    measure('UI: receive statistics', runs, () => received(report));
    const { rows } = tableRows(records);
    measure(`UI: receive the slowest ${TABLE_BATCH}-row batch`, runs, () => {
      let slowest = 0;
      for (let start = 0; start < rows.length; start += TABLE_BATCH)
        slowest = Math.max(slowest, received(rows.slice(start, start + TABLE_BATCH)));
      return slowest;
    });
    measure('UI: receive map classes', runs, () => received(assignGroupClasses(records, 'status')));
    const parcels = new Map(records.map((r, i) => [r.id, summarize(r, i + 1)]));
    const timed = (work: () => void) => {
      const start = performance.now();
      work();
      return performance.now() - start;
    };
    measure('UI: table first view (sorted by code)', runs, () => {
      const fresh = new Map(parcels);
      return timed(() => filterAndSort(rows, fresh, EMPTY_FILTER, { key: 'code', descending: false }));
    });
    let flip = false;
    measure('UI: table sort by area (a new sort)', runs, () => {
      flip = !flip;
      return timed(() => filterAndSort(rows, parcels, EMPTY_FILTER, { key: 'area', descending: flip }));
    });
    measure('UI: table sort by township (a new sort)', runs, () => {
      flip = !flip;
      return timed(() => filterAndSort(rows, parcels, EMPTY_FILTER, { key: 'township', descending: flip }));
    });
    let typed = 0;
    measure('UI: table search typed (sort kept)', runs, () => {
      typed++;
      return timed(() =>
        filterAndSort(
          rows,
          parcels,
          { ...EMPTY_FILTER, search: `城关${typed}` },
          { key: 'township', descending: flip },
        ),
      );
    });
  }
}
