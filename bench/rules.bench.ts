import type { Category, ParcelFacts, Status } from '../src/domain/parcel';
import { defaultRegion } from '../src/domain/regions';
import { addDays } from '../src/domain/rules/iso-date';
import { type RerunInput, rerunRules } from '../src/domain/rules/rerun-rules';
import { mulberry32 } from '../src/shared/seeded-random';

const seeded = mulberry32;

/** Synthetic records covering every branch of the engine: approvals, supplies, idle, inefficiency. */
function syntheticRecords(count: number): RerunInput[] {
  const random = seeded(count);
  const day = (from: string, spanDays: number) => addDays(from, Math.floor(random() * spanDays)) ?? from;
  const records: RerunInput[] = [];
  for (let index = 0; index < count; index++) {
    const kind = random();
    const facts: ParcelFacts = {};
    if (kind < 0.3) {
      facts.approvalDate = day('2018-01-01', 2500);
      if (random() < 0.5) facts.expropriationDate = day(facts.approvalDate, 300);
      if (random() < 0.3) {
        facts.approvedAreaM2 = 20_000;
        facts.suppliedAreaM2 = Math.floor(random() * 25_000);
      }
    } else if (kind < 0.85) {
      facts.supplyDate = day('2018-01-01', 2200);
      facts.agreedStartDate = day(facts.supplyDate, 365);
      if (random() < 0.6) {
        facts.actualStartDate = day(facts.agreedStartDate, 400);
        if (random() < 0.3) facts.stopDate = day(facts.actualStartDate, 300);
        else if (random() < 0.5) facts.completionDate = day(facts.actualStartDate, 700);
        facts.developedAreaM2 = random() * 8000;
        facts.totalInvestment = 1000;
        facts.investedAmount = random() * 1000;
      }
      facts.industrial = random() < 0.5;
      facts.parkLevel = random() < 0.5 ? 'national' : 'provincial';
      facts.floorAreaRatio = random() * 3;
      facts.adminFacilityAreaM2 = random() * 800;
    } else if (kind < 0.9) {
      facts.rural = true;
      facts.ruralStockType = 'homestead';
    } else if (kind < 0.95) {
      facts.leftoverPlot = true;
    } else {
      facts.inefficientReason = 'zombie-enterprise';
    }
    const category: Category = 'unclassified';
    const status: Status = 'to-verify';
    records.push({
      id: `p${index}`,
      facts,
      areaM2: 500 + random() * 80_000,
      category,
      status,
      idleCause: 'enterprise',
    });
  }
  return records;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Measures rerunRules over 10k and 100k synthetic records; prints medians of several runs. */
export async function run(): Promise<void> {
  for (const count of [10_000, 100_000]) {
    const records = syntheticRecords(count);
    rerunRules(records, '2025-01-01', defaultRegion.thresholds);
    const times: number[] = [];
    let proposed = 0;
    for (let repeat = 0; repeat < 7; repeat++) {
      const start = performance.now();
      proposed = rerunRules(records, '2025-01-01', defaultRegion.thresholds).length;
      times.push(performance.now() - start);
    }
    console.log(
      `rules: rerunRules ${count.toLocaleString('en')} records: median ${median(times).toFixed(1)} ms (${proposed} proposed changes, 7 runs)`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
