import type { Category, IsoDate, ParcelRecord } from '../parcel';
import type { RegionThresholds } from '../regions';
import type { Missing, Reason } from './reason';
import { suggestCategory } from './suggest-category';

/** One proposed change of "re-run all rules"; nothing is applied until the user confirms. */
export interface ProposedChange {
  id: string;
  current: { category: Category; subType?: string };
  suggested: { category: Category; subType?: string };
  reasons: Reason[];
  /** Facts the suggestion's consequences still need (e.g. the idle cause). */
  undecided: Missing[];
}

/** What re-running reads from each record. */
export type RerunInput = Pick<ParcelRecord, 'id' | 'facts' | 'areaM2' | 'category' | 'status'> &
  Partial<Pick<ParcelRecord, 'subType' | 'idleCause'>>;

/**
 * Re-runs the rules over many records (a new day, new thresholds) and lists the records whose
 * category or sub-type would change. Skipped on purpose:
 * - records whose suggestion is undecided: a missing fact never replaces a person's tag;
 * - 已处置 and 已撤销 records: their category records what was disposed or withdrawn, and the year's
 *   indicators count disposals by that category.
 */
export function rerunRules(
  records: Iterable<RerunInput>,
  today: IsoDate,
  region: RegionThresholds,
): ProposedChange[] {
  const changes: ProposedChange[] = [];
  for (const record of records) {
    if (record.status === 'disposed' || record.status === 'revoked') continue;
    const suggestion = suggestCategory(record, today, region);
    if (suggestion.category === 'unclassified') continue;
    if (suggestion.category === record.category && suggestion.subType === record.subType) continue;
    const current: ProposedChange['current'] = { category: record.category };
    if (record.subType !== undefined) current.subType = record.subType;
    const suggested: ProposedChange['suggested'] = { category: suggestion.category };
    if (suggestion.subType !== undefined) suggested.subType = suggestion.subType;
    changes.push({
      id: record.id,
      current,
      suggested,
      reasons: suggestion.reasons,
      undecided: suggestion.undecided,
    });
  }
  return changes;
}
