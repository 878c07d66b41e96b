import { useMemo, useState } from 'react';
import { label } from '../domain/labels';
import type { ParcelSummary } from '../domain/parcel-summary';
import { squareMetresToMu } from '../domain/units';
import { TopWindow } from '../shared/top-sorted';
import type { ParcelFilter } from '../store/app-store';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';
import { type Fold, useSlicedFold } from './use-sliced-fold';

type SortKey = 'code' | 'role' | 'mu' | 'share';

interface Row {
  id: string;
  code: string;
  role: string;
  verdict: string;
  m2: number;
  share: number;
}

/** The conflict list's fold: the rows drawn so far, a reused row to offer, the checks counted. */
interface Scan {
  window: TopWindow<Row>;
  scratch: Row;
  count: number;
}

/** What the list shows before its first fold has finished. */
const NOTHING: { count: number; shown: Row[] } = { count: 0, shown: [] };

const FILTERS: ParcelFilter[] = ['all', 'conflict', 'outside', 'boundary-error'];
/**
 * Rows drawn at first and added per click: the list scrolls in 320 px (about a dozen rows), and a
 * county can have 100,000 checks — 500 table rows took a quarter of a second of layout.
 */
const PAGE = 100;

/** Every check that needs attention, sortable; a click zooms to the parcel. The map filter sits on top. */
export function ConflictList() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const parcels = useAppStore((s) => s.parcels);
  const filter = useAppStore((s) => s.parcelFilter);
  const setFilter = useAppStore((s) => s.setParcelFilter);
  const focus = useAppStore((s) => s.focusParcel);
  const selectedId = useAppStore((s) => s.selectedId);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'mu', descending: true });
  const [roleFilter, setRoleFilter] = useState<string>('');
  const [limit, setLimit] = useState(PAGE);
  // One pass over the checks, nothing built for a check that is not drawn (a county has 300,000
  // and more; a row object for each, then a filtered copy, was a 100+ ms task on the UI thread),
  // and that pass cut into slices of the UI thread (useSlicedFold): done in one render, it was
  // still a 100–180 ms task after a 100k import.
  const fold = useMemo((): Fold<ParcelSummary, Scan, { count: number; shown: Row[] }> => {
    const sign = sort.descending ? -1 : 1;
    const value = (r: Row): string | number =>
      sort.key === 'code' ? r.code : sort.key === 'role' ? r.role : sort.key === 'mu' ? r.m2 : r.share;
    // The filter's values are the verdicts it keeps.
    const verdict = filter === 'all' ? '' : filter;
    return {
      start: () => ({
        window: new TopWindow<Row>(
          limit,
          (a, b) => {
            const x = value(a);
            const y = value(b);
            return (x < y ? -1 : x > y ? 1 : 0) * sign;
          },
          (r) => ({ ...r }),
        ),
        scratch: { id: '', code: '', role: '', verdict: '', m2: 0, share: 0 },
        count: 0,
      }),
      step: (scan, p) => {
        const { scratch } = scan;
        for (const issue of p.issues) {
          if (issue.role === 'park') continue;
          if (roleFilter !== '' && issue.role !== roleFilter) continue;
          if (verdict !== '' && issue.verdict !== verdict) continue;
          scan.count++;
          const m2 =
            issue.role === 'development-boundary' ? Math.max(0, p.areaM2 - issue.insideM2) : issue.insideM2;
          scratch.id = p.id;
          scratch.code = p.code;
          scratch.role = issue.role;
          scratch.verdict = issue.verdict;
          scratch.m2 = m2;
          scratch.share = p.areaM2 > 0 ? m2 / p.areaM2 : 0;
          scan.window.offer(scratch);
        }
      },
      end: (scan) => ({ count: scan.count, shown: scan.window.items }),
    };
  }, [filter, roleFilter, sort, limit]);
  const { count, shown } = useSlicedFold(parcels, fold) ?? NOTHING;
  const header = (key: SortKey, text: string) => (
    <th aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="link"
        onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : true }))}
      >
        {text}
        {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  return (
    <section className="panel-section" aria-labelledby="conflicts-title" data-testid="conflict-list">
      <h2 id="conflicts-title">{t('conflicts')}</h2>
      <fieldset className="chips">
        <legend className="sr-only">{t('mapShows')}</legend>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            data-testid={`filter-${f}`}
            onClick={() => setFilter(f)}
          >
            {t(`filter-${f}`)}
          </button>
        ))}
      </fieldset>
      <select
        aria-label={t('controlLayer')}
        value={roleFilter}
        onChange={(e) => setRoleFilter(e.target.value)}
      >
        <option value="">{t('allLayers')}</option>
        {['permanent-farmland', 'ecological-redline', 'development-boundary'].map((role) => (
          <option key={role} value={role}>
            {label(locale, 'layerRole', role)}
          </option>
        ))}
      </select>
      <p className="muted small" data-testid="conflict-count">
        {t('rowsShown', { count })}
      </p>
      <div className="table-scroll">
        <table className="checks">
          <thead>
            <tr>
              {header('code', t('parcel'))}
              {header('role', t('controlLayer'))}
              {header('mu', t('overlapMu'))}
              {header('share', t('share'))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={`${r.id}-${r.role}`}
                className={`${r.verdict === 'conflict' || r.verdict === 'outside' ? 'serious' : ''} ${selectedId === r.id ? 'selected' : ''}`}
                onClick={() => void focus(r.id)}
                data-testid="conflict-row"
              >
                <td className="code">{r.code || r.id}</td>
                <td>
                  {label(locale, 'layerRole', r.role)} · {label(locale, 'overlayVerdict', r.verdict)}
                </td>
                <td className="num">{squareMetresToMu(r.m2).toFixed(2)}</td>
                <td className="num">{(r.share * 100).toFixed(2)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {count > shown.length && (
        <button
          type="button"
          className="link"
          data-testid="conflict-more"
          onClick={() => setLimit((n) => n + PAGE)}
        >
          {t('showMoreRows', { count: count - shown.length })}
        </button>
      )}
    </section>
  );
}
