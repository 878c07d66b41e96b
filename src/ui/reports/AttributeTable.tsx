import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { label } from '../../domain/labels';
import { CATEGORIES, STATUSES } from '../../domain/parcel';
import type { TableRow } from '../../domain/reports/table-rows';
import { squareMetresToHectares, squareMetresToMu } from '../../domain/units';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';
import { EMPTY_FILTER, filterAndSort, type SortKey, type TableFilter } from './table-model';

/** Fixed row height: the window of rendered rows is computed from the scroll position alone. */
const ROW_HEIGHT = 28;
const OVERSCAN = 8;

interface Column {
  key: SortKey;
  title: string;
  width: number;
  cell(row: TableRow): string;
  numeric?: boolean;
}

/**
 * Every parcel as a row (virtualised: only the visible rows are in the DOM), our fields then the
 * imported attributes; sort by a header click, filter, search; a row click selects and zooms on the
 * map, a map selection scrolls to its row; totals of the filtered rows always shown.
 */
export function AttributeTable({ onFiltered }: { onFiltered(ids: string[]): void }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const table = useAppStore((s) => s.reportTable);
  const parcels = useAppStore((s) => s.parcels);
  const dataRevision = useAppStore((s) => s.dataRevision);
  const selectedId = useAppStore((s) => s.selectedId);
  const loadTable = useAppStore((s) => s.loadReportTable);
  const focusParcel = useAppStore((s) => s.focusParcel);
  const showError = useAppStore((s) => s.showError);
  const [filter, setFilter] = useState<TableFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'code', descending: false });
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(480);
  const viewport = useRef<HTMLDivElement>(null);
  const deferredFilter = useDeferredValue(filter);

  useEffect(() => {
    if (!table || table.dataRevision !== dataRevision) loadTable().catch(showError);
  }, [table, dataRevision, loadTable, showError]);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rows = table?.rows;
  const order = useMemo(
    () => (rows ? filterAndSort(rows, parcels, deferredFilter, sort) : []),
    [rows, parcels, deferredFilter, sort],
  );
  const filteredIds = useMemo(() => (rows ? order.map((i) => (rows[i] as TableRow).id) : []), [order, rows]);
  useEffect(() => onFiltered(filteredIds), [filteredIds, onFiltered]);
  const totals = useMemo(() => {
    let m2 = 0;
    for (const id of filteredIds) m2 += parcels.get(id)?.areaM2 ?? 0;
    return { count: filteredIds.length, mu: squareMetresToMu(m2), ha: squareMetresToHectares(m2) };
  }, [filteredIds, parcels]);

  // A selection made on the map scrolls its row into view (centred) when it is not visible.
  useEffect(() => {
    const element = viewport.current;
    if (!element || !selectedId) return;
    const position = filteredIds.indexOf(selectedId);
    if (position < 0) return;
    const top = position * ROW_HEIGHT;
    if (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = Math.max(0, top - element.clientHeight / 2);
  }, [selectedId, filteredIds]);

  const columns = useMemo<Column[]>(() => {
    const ours: Column[] = [
      { key: 'code', title: t('rpColCode'), width: 150, cell: (r) => r.code },
      { key: 'owner', title: t('rpColOwner'), width: 160, cell: (r) => r.owner },
      { key: 'location', title: t('rpColLocation'), width: 170, cell: (r) => r.location },
      { key: 'township', title: t('rpColTownship'), width: 90, cell: (r) => r.township },
      {
        key: 'category',
        title: t('rpColCategory'),
        width: 110,
        cell: (r) => label(locale, 'category', parcels.get(r.id)?.category ?? ''),
      },
      {
        key: 'status',
        title: t('rpColStatus'),
        width: 80,
        cell: (r) => label(locale, 'status', parcels.get(r.id)?.status ?? ''),
      },
      {
        key: 'area',
        title: t('rpColArea'),
        width: 90,
        numeric: true,
        cell: (r) =>
          squareMetresToMu(parcels.get(r.id)?.areaM2 ?? 0).toLocaleString(locale, {
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }),
      },
      {
        key: 'conflicts',
        title: t('rpColConflicts'),
        width: 140,
        cell: (r) => r.conflicts.map((role) => label(locale, 'layerRole', role)).join(' '),
      },
      { key: 'approvalDate', title: t('rpColApproval'), width: 95, cell: (r) => r.approvalDate },
      { key: 'supplyDate', title: t('rpColSupply'), width: 95, cell: (r) => r.supplyDate },
      { key: 'updatedAt', title: t('rpColUpdated'), width: 95, cell: (r) => r.updatedAt },
    ];
    const imported: Column[] = (table?.columns ?? []).map((name, i) => ({
      key: `attr:${i}` as SortKey,
      title: name,
      width: 120,
      cell: (r) => r.attributes[i] ?? '',
    }));
    return [...ours, ...imported];
  }, [t, locale, parcels, table?.columns]);
  const totalWidth = columns.reduce((sum, c) => sum + c.width, 0);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(order.length, Math.ceil((scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);
  const visible: { index: number; row: TableRow }[] = [];
  for (let n = first; n < last; n++) {
    const row = rows?.[order[n] as number];
    if (row) visible.push({ index: n, row });
  }
  const set = (patch: Partial<TableFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <div className="report-table" data-testid="report-table">
      <div className="report-filters">
        <input
          type="search"
          placeholder={t('rpSearch')}
          aria-label={t('rpSearch')}
          data-testid="table-search"
          value={filter.search}
          onChange={(e) => set({ search: e.target.value })}
        />
        <select
          aria-label={t('rpColCategory')}
          data-testid="table-filter-category"
          value={filter.category}
          onChange={(e) => set({ category: e.target.value as TableFilter['category'] })}
        >
          <option value="">{t('rpAllCategories')}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {label(locale, 'category', c)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('rpColStatus')}
          data-testid="table-filter-status"
          value={filter.status}
          onChange={(e) => set({ status: e.target.value as TableFilter['status'] })}
        >
          <option value="">{t('rpAllStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {label(locale, 'status', s)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('rpColConflicts')}
          data-testid="table-filter-conflict"
          value={filter.conflict}
          onChange={(e) => set({ conflict: e.target.value as TableFilter['conflict'] })}
        >
          <option value="any">{t('rpConflictAny')}</option>
          <option value="yes">{t('rpConflictYes')}</option>
          <option value="no">{t('rpConflictNo')}</option>
        </select>
        <input
          placeholder={t('rpTownship')}
          aria-label={t('rpTownship')}
          data-testid="table-filter-place"
          value={filter.place}
          onChange={(e) => set({ place: e.target.value })}
        />
        <select
          aria-label={t('rpDateField')}
          value={filter.dateField}
          onChange={(e) => set({ dateField: e.target.value as TableFilter['dateField'] })}
        >
          <option value="approvalDate">{t('rpColApproval')}</option>
          <option value="supplyDate">{t('rpColSupply')}</option>
          <option value="updatedAt">{t('rpColUpdated')}</option>
        </select>
        <input
          type="date"
          aria-label={t('rpFrom')}
          value={filter.dateFrom}
          onChange={(e) => set({ dateFrom: e.target.value })}
        />
        <input
          type="date"
          aria-label={t('rpTo')}
          value={filter.dateTo}
          onChange={(e) => set({ dateTo: e.target.value })}
        />
        <input
          type="number"
          min={0}
          className="narrow"
          placeholder={t('rpAreaMin')}
          aria-label={t('rpAreaMin')}
          data-testid="table-filter-area-min"
          value={filter.areaMinMu}
          onChange={(e) => set({ areaMinMu: e.target.value })}
        />
        <input
          type="number"
          min={0}
          className="narrow"
          placeholder={t('rpAreaMax')}
          aria-label={t('rpAreaMax')}
          value={filter.areaMaxMu}
          onChange={(e) => set({ areaMaxMu: e.target.value })}
        />
        <button type="button" onClick={() => setFilter(EMPTY_FILTER)}>
          {t('rpClearFilters')}
        </button>
      </div>
      <div className="report-totals" data-testid="table-totals" data-count={totals.count}>
        {t('rpTotals', {
          count: totals.count.toLocaleString(locale),
          mu: totals.mu.toLocaleString(locale, { maximumFractionDigits: 2 }),
          ha: totals.ha.toLocaleString(locale, { maximumFractionDigits: 4 }),
        })}
      </div>
      <div
        className="table-viewport"
        ref={viewport}
        data-testid="table-viewport"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="table-inner" style={{ width: totalWidth }}>
          <div className="table-head">
            {columns.map((c) => (
              <button
                type="button"
                key={c.key}
                className="table-cell head"
                style={{ width: c.width }}
                onClick={() =>
                  setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : false }))
                }
              >
                {c.title}
                {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
              </button>
            ))}
          </div>
          <div className="table-body" style={{ height: order.length * ROW_HEIGHT }}>
            {!table && <p className="muted">{t('rpLoading')}</p>}
            {visible.map(({ index, row }) => (
              <button
                type="button"
                key={row.id}
                data-testid="table-row"
                data-id={row.id}
                className={`table-row ${row.id === selectedId ? 'selected' : ''}`}
                style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
                onClick={() => focusParcel(row.id).catch(showError)}
              >
                {columns.map((c) => (
                  <span
                    key={c.key}
                    className={`table-cell ${c.numeric ? 'numeric' : ''}`}
                    style={{ width: c.width }}
                  >
                    {c.cell(row)}
                  </span>
                ))}
              </button>
            ))}
          </div>
        </div>
      </div>
      <BulkEdit ids={filteredIds} />
    </div>
  );
}

/** One change over all filtered parcels, through the store's bulkEdit (one log entry per parcel). */
function BulkEdit({ ids }: { ids: string[] }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const bulkEdit = useAppStore((s) => s.bulkEdit);
  const showError = useAppStore((s) => s.showError);
  const pushToast = useAppStore((s) => s.pushToast);
  const [field, setField] = useState<'category' | 'status'>('status');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [working, setWorking] = useState(false);
  const codes: readonly string[] = field === 'category' ? CATEGORIES : STATUSES;
  const apply = async () => {
    const valueLabel = label(locale, field, value);
    const fieldLabel = field === 'category' ? t('rpColCategory') : t('rpColStatus');
    if (!window.confirm(t('rpBulkConfirm', { count: ids.length, field: fieldLabel, value: valueLabel })))
      return;
    setWorking(true);
    try {
      const patch =
        field === 'category'
          ? { category: value as (typeof CATEGORIES)[number] }
          : { status: value as (typeof STATUSES)[number] };
      const changed = await bulkEdit(ids, patch, reason.trim());
      pushToast({ kind: 'info', message: 'rpBulkDone', details: { count: changed } });
      setReason('');
    } catch (error) {
      showError(error);
    } finally {
      setWorking(false);
    }
  };
  return (
    <fieldset className="bulk-edit" data-testid="bulk-edit">
      <legend>{t('rpBulkTitle')}</legend>
      <select
        aria-label={t('rpBulkField')}
        value={field}
        onChange={(e) => {
          setField(e.target.value as 'category' | 'status');
          setValue('');
        }}
      >
        <option value="status">{t('rpColStatus')}</option>
        <option value="category">{t('rpColCategory')}</option>
      </select>
      <select
        aria-label={t('rpBulkValue')}
        data-testid="bulk-value"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      >
        <option value="">—</option>
        {codes.map((code) => (
          <option key={code} value={code}>
            {label(locale, field, code)}
          </option>
        ))}
      </select>
      <input
        placeholder={t('rpBulkReason')}
        aria-label={t('rpBulkReason')}
        data-testid="bulk-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        data-testid="bulk-apply"
        disabled={working || value === '' || reason.trim() === '' || ids.length === 0}
        onClick={() => void apply()}
      >
        {t('rpBulkApply', { count: ids.length.toLocaleString(locale) })}
      </button>
    </fieldset>
  );
}
