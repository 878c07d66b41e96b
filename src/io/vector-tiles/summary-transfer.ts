import type { ControlRole } from '../../domain/parcel';
import type { ParcelIssue, ParcelSummary } from '../../domain/parcel-summary';
import { wordNumbers } from '../../shared/numbering';

/**
 * A batch of parcel summaries as the map's worker hands it to the UI thread: in columns — strings in
 * one JSON text, repeated words (layer ids, categories, statuses, roles, verdicts) as indices into a
 * small table, numbers in typed arrays that are moved. Posted as 5,000 objects with their issues, a
 * county's summaries took the worker ~0.4 s of structured cloning in Chromium, and the UI thread
 * as long again to take them in.
 */
export interface TransferableSummaries {
  /** JSON of { ids, codes, words }. */
  text: string;
  mapIds: Float64Array;
  /** Per summary: index into words of its layer id, category, status. */
  layerIds: Uint16Array;
  categories: Uint16Array;
  statuses: Uint16Array;
  areaM2: Float64Array;
  /** Per summary: bit 0 conflict, bit 1 outside. */
  flags: Uint8Array;
  /** Per summary: its number of issues; per issue, summaries one after another: role, verdict, m². */
  issueCounts: Uint16Array;
  issueRoles: Uint16Array;
  issueVerdicts: Uint16Array;
  issueInsideM2: Float64Array;
}

interface Text {
  ids: string[];
  codes: string[];
  words: string[];
}

export function toTransferableSummaries(batch: readonly ParcelSummary[]): TransferableSummaries {
  const n = batch.length;
  const words = wordNumbers();
  const word = words.of;
  const text: Text = { ids: new Array(n), codes: new Array(n), words: words.words };
  const mapIds = new Float64Array(n);
  const layerIds = new Uint16Array(n);
  const categories = new Uint16Array(n);
  const statuses = new Uint16Array(n);
  const areaM2 = new Float64Array(n);
  const flags = new Uint8Array(n);
  const issueCounts = new Uint16Array(n);
  let issues = 0;
  for (const s of batch) issues += s.issues.length;
  const issueRoles = new Uint16Array(issues);
  const issueVerdicts = new Uint16Array(issues);
  const issueInsideM2 = new Float64Array(issues);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const s = batch[i] as ParcelSummary;
    text.ids[i] = s.id;
    text.codes[i] = s.code;
    mapIds[i] = s.mapId;
    layerIds[i] = word(s.layerId);
    categories[i] = word(s.category);
    statuses[i] = word(s.status);
    areaM2[i] = s.areaM2;
    flags[i] = (s.conflict ? 1 : 0) | (s.outside ? 2 : 0);
    if (s.issues.length > 0xffff) throw new Error('Too many issues on one parcel to hand over');
    issueCounts[i] = s.issues.length;
    for (const issue of s.issues) {
      issueRoles[k] = word(issue.role);
      issueVerdicts[k] = word(issue.verdict);
      issueInsideM2[k] = issue.insideM2;
      k++;
    }
  }
  return {
    text: JSON.stringify(text),
    mapIds,
    layerIds,
    categories,
    statuses,
    areaM2,
    flags,
    issueCounts,
    issueRoles,
    issueVerdicts,
    issueInsideM2,
  };
}

/** What postMessage should move rather than copy. */
export function summariesTransferList(batch: TransferableSummaries): ArrayBuffer[] {
  return Object.values(batch).flatMap((array: unknown) =>
    ArrayBuffer.isView(array) && array.buffer instanceof ArrayBuffer ? [array.buffer] : [],
  );
}

/** No issues: one frozen list for every parcel without any. */
const NO_ISSUES: ParcelIssue[] = Object.freeze([]) as unknown as ParcelIssue[];

/**
 * The summaries again, as the store keeps them. Issue lists that repeat — none, or the same roles and
 * verdicts with no area inside (a county outside the 城镇开发边界 has one such issue on every
 * parcel) — are one frozen list shared by all the parcels that have it: a county's 100k lists and
 * issue objects were most of what the UI thread allocated here, and the garbage collection after
 * taking them in was an 85 ms task. Shared lists are frozen, so a change to one fails loudly
 * instead of changing them all (nothing changes a summary's issues: a changed parcel gets a new
 * summary).
 */
export function fromTransferableSummaries(batch: TransferableSummaries): ParcelSummary[] {
  const { ids, codes, words } = JSON.parse(batch.text) as Text;
  const out: ParcelSummary[] = new Array(ids.length);
  /** Shared lists by their issues' role and verdict word numbers. */
  const shared = new Map<string, ParcelIssue[]>();
  let k = 0;
  for (let i = 0; i < ids.length; i++) {
    const count = batch.issueCounts[i] as number;
    let issues = NO_ISSUES;
    if (count > 0) {
      let key = '';
      for (let j = k; j < k + count; j++) {
        if (!Object.is(batch.issueInsideM2[j], 0)) {
          key = '';
          break;
        }
        key += `${batch.issueRoles[j]},${batch.issueVerdicts[j]};`;
      }
      const known = key === '' ? undefined : shared.get(key);
      if (known) {
        issues = known;
        k += count;
      } else {
        issues = new Array(count);
        for (let j = 0; j < count; j++, k++)
          issues[j] = {
            role: words[batch.issueRoles[k] as number] as ControlRole,
            verdict: words[batch.issueVerdicts[k] as number] as string,
            insideM2: batch.issueInsideM2[k] as number,
          };
        if (key !== '') {
          for (const issue of issues) Object.freeze(issue);
          shared.set(key, Object.freeze(issues) as ParcelIssue[]);
        }
      }
    }
    const flags = batch.flags[i] as number;
    out[i] = {
      id: ids[i] as string,
      mapId: batch.mapIds[i] as number,
      layerId: words[batch.layerIds[i] as number] as string,
      code: codes[i] as string,
      category: words[batch.categories[i] as number] as ParcelSummary['category'],
      status: words[batch.statuses[i] as number] as ParcelSummary['status'],
      areaM2: batch.areaM2[i] as number,
      conflict: (flags & 1) !== 0,
      outside: (flags & 2) !== 0,
      issues,
    };
  }
  return out;
}
