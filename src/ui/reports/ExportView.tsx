import { useEffect, useState } from 'react';
import type { ExportFile } from '../../store/reports-slice';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';
import { downloadFile } from './download';

type Format = 'geojson' | 'shapefile' | 'coordinate-text' | 'csv';
type Scope = 'all' | 'filtered' | 'selected';

/** Export dialog: format, parcels, encoding and coordinate system; the work runs in the export worker. */
export function ExportView({ filteredIds }: { filteredIds: string[] | null }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const parcelCount = useAppStore((s) => s.parcels.size);
  const selectedId = useAppStore((s) => s.selectedId);
  const exportParcels = useAppStore((s) => s.exportParcels);
  const suggestZone = useAppStore((s) => s.suggestZone);
  const busy = useAppStore((s) => s.reportsBusy);
  const showError = useAppStore((s) => s.showError);
  const [format, setFormat] = useState<Format>('shapefile');
  const [scope, setScope] = useState<Scope>(
    filteredIds && filteredIds.length < parcelCount ? 'filtered' : 'all',
  );
  const [encoding, setEncoding] = useState<'gbk' | 'utf-8'>('gbk');
  const [crsKind, setCrsKind] = useState<'geographic' | 'gauss-kruger'>('geographic');
  const [threeDegree, setThreeDegree] = useState(true);
  const [zonePrefix, setZonePrefix] = useState(true);
  const [zone, setZone] = useState(37);
  const [suggested, setSuggested] = useState<number | undefined>(undefined);
  const [result, setResult] = useState<ExportFile | null>(null);

  const ids =
    scope === 'all' ? null : scope === 'filtered' ? (filteredIds ?? []) : selectedId ? [selectedId] : [];
  const needsZone = format === 'coordinate-text' || (format === 'shapefile' && crsKind === 'gauss-kruger');

  useEffect(() => {
    let live = true;
    suggestZone(null, threeDegree)
      .then((z) => {
        if (!live || z === undefined) return;
        setSuggested(z);
        setZone(z);
      })
      .catch(showError);
    return () => {
      live = false;
    };
  }, [suggestZone, threeDegree, showError]);

  const run = async () => {
    setResult(null);
    try {
      const zoneChoice = { zone, threeDegree, zonePrefix };
      const file = await exportParcels(
        format === 'shapefile'
          ? {
              format,
              ids,
              encoding,
              crs:
                crsKind === 'geographic' ? { kind: 'geographic' } : { kind: 'gauss-kruger', ...zoneChoice },
            }
          : format === 'coordinate-text'
            ? { format, ids, zone: zoneChoice }
            : { format, ids },
      );
      downloadFile(file);
      setResult(file);
    } catch (error) {
      showError(error);
    }
  };

  return (
    <div className="export-view" data-testid="export-view">
      <fieldset>
        <legend>{t('rpFormat')}</legend>
        {(
          [
            ['geojson', t('rpFormatGeojson')],
            ['shapefile', t('rpFormatShapefile')],
            ['coordinate-text', t('rpFormatCoordinates')],
            ['csv', t('rpFormatCsv')],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className="inline-field">
            <input
              type="radio"
              name="export-format"
              data-testid={`export-format-${value}`}
              checked={format === value}
              onChange={() => setFormat(value)}
            />
            {text}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('rpScope')}</legend>
        <label className="inline-field">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'all'}
            onChange={() => setScope('all')}
          />
          {t('rpScopeAll', { count: parcelCount.toLocaleString(locale) })}
        </label>
        <label className="inline-field">
          <input
            type="radio"
            name="export-scope"
            data-testid="export-scope-filtered"
            disabled={!filteredIds}
            checked={scope === 'filtered'}
            onChange={() => setScope('filtered')}
          />
          {t('rpScopeFiltered', { count: (filteredIds?.length ?? 0).toLocaleString(locale) })}
        </label>
        <label className="inline-field">
          <input
            type="radio"
            name="export-scope"
            disabled={!selectedId}
            checked={scope === 'selected'}
            onChange={() => setScope('selected')}
          />
          {t('rpScopeSelected')}
        </label>
      </fieldset>
      {format === 'shapefile' && (
        <fieldset>
          <legend>{t('rpEncoding')}</legend>
          <label className="inline-field">
            <input
              type="radio"
              name="export-encoding"
              checked={encoding === 'gbk'}
              onChange={() => setEncoding('gbk')}
            />
            GBK
          </label>
          <label className="inline-field">
            <input
              type="radio"
              name="export-encoding"
              data-testid="export-encoding-utf8"
              checked={encoding === 'utf-8'}
              onChange={() => setEncoding('utf-8')}
            />
            UTF-8
          </label>
          <label className="inline-field">
            {t('rpCrs')}
            <select
              value={crsKind}
              data-testid="export-crs"
              onChange={(e) => setCrsKind(e.target.value as 'geographic' | 'gauss-kruger')}
            >
              <option value="geographic">{t('rpCrsGeographic')}</option>
              <option value="gauss-kruger">{t('rpCrsGk')}</option>
            </select>
          </label>
        </fieldset>
      )}
      {needsZone && (
        <fieldset>
          <legend>{t('rpCrsGk')}</legend>
          <label className="inline-field">
            {t('rpZone')}
            <input
              type="number"
              className="narrow"
              data-testid="export-zone"
              value={zone}
              onChange={(e) => setZone(Number(e.target.value))}
            />
          </label>
          {suggested !== undefined && (
            <span className="muted small">{t('rpSuggested', { zone: suggested })}</span>
          )}
          <label className="inline-field">
            <input type="checkbox" checked={threeDegree} onChange={(e) => setThreeDegree(e.target.checked)} />
            {t('rpThreeDegree')}
          </label>
          <label className="inline-field">
            <input type="checkbox" checked={zonePrefix} onChange={(e) => setZonePrefix(e.target.checked)} />
            {t('rpZonePrefix')}
          </label>
        </fieldset>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          data-testid="export-run"
          disabled={busy !== null || (ids !== null && ids.length === 0)}
          onClick={() => void run()}
        >
          {busy === 'export' ? t('loading') : t('rpExportRun')}
        </button>
      </div>
      {result && (
        <p data-testid="export-done" role="status">
          {t('rpExported', { count: result.count.toLocaleString(locale), file: result.fileName })}
        </p>
      )}
      {result?.fields && (
        <table className="stats-table" data-testid="export-fields">
          <caption>{t('rpDbfFields')}</caption>
          <thead>
            <tr>
              <th>{t('rpDbfOriginal')}</th>
              <th>{t('rpDbfName')}</th>
            </tr>
          </thead>
          <tbody>
            {result.fields.map((f) => (
              <tr key={`${f.origin}-${f.property}`} className={f.dbfName !== f.property ? 'renamed' : ''}>
                <td>{f.property}</td>
                <td>
                  <code>{f.dbfName}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
