import { useEffect, useState } from 'react';
import { label } from '../domain/labels';
import { LAYER_ROLES, type LayerRole, type ParcelFacts } from '../domain/parcel';
import type { FieldMapping } from '../store/import-slice';
import { Dialog } from './Dialog';
import { useT } from './i18n';
import { importNoteLabel } from './import-note-labels';
import { useAppStore } from './use-app-store';

const ENCODINGS = ['gbk', 'gb18030', 'utf-8', 'big5'];
const MAPPED_FACTS: (keyof ParcelFacts)[] = [
  'code',
  'owner',
  'location',
  'township',
  'landUse',
  'landUseCode',
  'declaredAreaM2',
  'approvalNumber',
  'approvalDate',
  'supplyDate',
  'agreedStartDate',
  'actualStartDate',
  'totalInvestment',
  'investedAmount',
  'floorAreaRatio',
  'parkLevel',
];

interface Choice {
  include: boolean;
  name: string;
  role: LayerRole;
  fieldMapping: FieldMapping;
  crsConfirmed: boolean;
}

/** The import: progress and cancel, the report (notes), per layer its role, CRS, encoding and field mapping. */
export function ImportDialog() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const state = useAppStore((s) => s.importState);
  const cancel = useAppStore((s) => s.cancelImport);
  const close = useAppStore((s) => s.closeImport);
  const reread = useAppStore((s) => s.rereadImport);
  const commit = useAppStore((s) => s.commitImport);
  const [choices, setChoices] = useState<Choice[]>([]);
  const [crsText, setCrsText] = useState('');
  const summary = state?.summary ?? null;
  useEffect(() => {
    setChoices(
      (summary?.layers ?? []).map((l) => ({
        include: l.featureCount > 0,
        name: l.name,
        role: l.roleGuess,
        fieldMapping: l.fieldMapping,
        crsConfirmed: !l.crsNeedsConfirmation,
      })),
    );
  }, [summary]);
  if (!state) return null;
  const update = (index: number, patch: Partial<Choice>) =>
    setChoices((list) => list.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const blocked = choices.some((c) => c.include && !c.crsConfirmed) || !choices.some((c) => c.include);
  const notes = [...(summary?.notes ?? []), ...state.notes];
  return (
    <Dialog id="import" title={t('importTitle')} onClose={close} wide testId="import-dialog">
      <p className="muted small">{state.fileNames.join(', ')}</p>
      {(state.phase === 'reading' || state.phase === 'storing') && (
        <div data-testid="import-progress">
          <p>{t(state.phase === 'reading' ? 'importReading' : 'importStoring')}</p>
          <progress max={1} value={state.progress?.fraction ?? undefined} />
          <button type="button" onClick={cancel} data-testid="import-cancel">
            {t('cancel')}
          </button>
        </div>
      )}
      {state.phase === 'failed' && state.error && (
        <div className="import-error" role="alert" data-testid="import-error">
          <strong>{t('importFailed')}</strong>
          {/* Storage faults have their own advice (free space, export a backup); file faults name the file. */}
          <p>
            {state.error.code.startsWith('storage-')
              ? t(state.error.code, { text: state.error.message })
              : state.error.message}
          </p>
          <p className="muted small">{t('importNothingStored')}</p>
        </div>
      )}
      {state.phase === 'done' && (
        <p className="import-done" role="status" data-testid="import-done">
          {t('importDone', { count: state.storedLayerIds.length })}
        </p>
      )}
      {summary && (state.phase === 'review' || state.phase === 'done' || state.phase === 'failed') && (
        <>
          {state.phase === 'review' &&
            summary.layers.map((layer, index) => {
              const choice = choices[index];
              if (!choice) return null;
              return (
                <fieldset
                  key={`${layer.name}-${layer.sourceFiles.join()}`}
                  className="import-layer"
                  data-testid="import-layer"
                >
                  <legend>
                    <label>
                      <input
                        type="checkbox"
                        checked={choice.include}
                        onChange={(e) => update(index, { include: e.target.checked })}
                      />{' '}
                      {layer.name}
                    </label>
                  </legend>
                  <p className="muted small">
                    {t('importCounts', {
                      read: layer.featuresRead,
                      kept: layer.featureCount,
                      skipped: layer.featuresSkipped,
                    })}{' '}
                    · {layer.sourceGeometryType} · {layer.format}
                  </p>
                  <div className="field-pair">
                    <label className="field">
                      <span>{t('layerName')}</span>
                      <input value={choice.name} onChange={(e) => update(index, { name: e.target.value })} />
                    </label>
                    <label className="field">
                      <span>{t('layerRole')}</span>
                      <select
                        value={choice.role}
                        data-testid="import-role"
                        onChange={(e) => update(index, { role: e.target.value as LayerRole })}
                      >
                        {LAYER_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {label(locale, 'layerRole', role)}
                          </option>
                        ))}
                      </select>
                    </label>
                  </div>
                  <p data-testid="import-crs">
                    {t('crsUsed')}: <strong>{layer.crs.name}</strong>
                    {layer.crs.epsg ? ` (EPSG:${layer.crs.epsg})` : ''}
                  </p>
                  {layer.crsNeedsConfirmation && (
                    <label className="confirm-crs">
                      <input
                        type="checkbox"
                        checked={choice.crsConfirmed}
                        data-testid="import-crs-confirm"
                        onChange={(e) => update(index, { crsConfirmed: e.target.checked })}
                      />{' '}
                      {t('crsConfirm')}
                    </label>
                  )}
                  <p>
                    {t('encodingUsed')}: <strong>{layer.encoding.encoding}</strong> (
                    {t(`encoding-${layer.encoding.source}`)})
                  </p>
                  {layer.samples[0] && (
                    <table className="attributes small-table">
                      <tbody>
                        {Object.keys(layer.samples[0])
                          .slice(0, 6)
                          .map((key) => (
                            <tr key={key}>
                              <th scope="row">{key}</th>
                              <td>{String(layer.samples[0]?.[key] ?? '')}</td>
                            </tr>
                          ))}
                      </tbody>
                    </table>
                  )}
                  {choice.role === 'parcels' && (
                    <details>
                      <summary>{t('fieldMapping')}</summary>
                      <div className="facts-grid">
                        {MAPPED_FACTS.map((fact) => (
                          <label key={fact} className="field">
                            <span>{label(locale, 'factField', fact)}</span>
                            <select
                              value={choice.fieldMapping[fact] ?? ''}
                              onChange={(e) =>
                                update(index, {
                                  fieldMapping: {
                                    ...choice.fieldMapping,
                                    [fact]: e.target.value || undefined,
                                  },
                                })
                              }
                            >
                              <option value="">—</option>
                              {layer.fieldNames.map((name) => (
                                <option key={name} value={name}>
                                  {name}
                                </option>
                              ))}
                            </select>
                          </label>
                        ))}
                      </div>
                    </details>
                  )}
                </fieldset>
              );
            })}
          {state.phase === 'review' && (
            <div className="reread">
              <label className="field">
                <span>{t('rereadEncoding')}</span>
                <select
                  data-testid="import-encoding"
                  value={state.options.encoding ?? ''}
                  onChange={(e) => void reread({ encoding: e.target.value || undefined })}
                >
                  <option value="">{t('auto')}</option>
                  {ENCODINGS.map((e) => (
                    <option key={e} value={e}>
                      {e.toUpperCase()}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('rereadCrs')}</span>
                <input value={crsText} placeholder="EPSG:4525" onChange={(e) => setCrsText(e.target.value)} />
              </label>
              <button type="button" onClick={() => void reread({ crsOverride: crsText.trim() || undefined })}>
                {t('reread')}
              </button>
            </div>
          )}
          {notes.length > 0 && (
            <details open={state.phase !== 'review' || notes.some((n) => n.severity !== 'info')}>
              <summary>{t('importNotes', { count: notes.length })}</summary>
              <ul className="notes" data-testid="import-notes">
                {notes.map((note) => (
                  <li
                    key={`${note.code}-${note.file ?? ''}-${note.layer ?? ''}-${note.line ?? ''}-${note.message}`}
                    className={note.severity}
                  >
                    {importNoteLabel(locale, note.code) && (
                      <strong data-testid="import-note-label">
                        {importNoteLabel(locale, note.code)}
                        {locale === 'zh-CN' ? '：' : ': '}
                      </strong>
                    )}
                    {note.message}
                    {note.records && note.records.length > 0 && (
                      <span className="muted small">
                        {' '}
                        ({t('records')}: {note.records.slice(0, 10).join(', ')}
                        {(note.count ?? note.records.length) > 10 ? ' …' : ''})
                      </span>
                    )}
                    {note.line !== undefined && (
                      <span className="muted small">
                        {' '}
                        ({t('line')} {note.line})
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      <div className="form-actions">
        {state.phase === 'review' && (
          <button
            type="button"
            className="primary"
            disabled={blocked}
            data-testid="import-commit"
            onClick={() =>
              void commit(
                choices.map((c, index) => ({
                  index,
                  include: c.include,
                  name: c.name.trim() || (summary?.layers[index]?.name ?? ''),
                  role: c.role,
                  fieldMapping: c.fieldMapping,
                })),
              )
            }
          >
            {t('importCommit')}
          </button>
        )}
        {(state.phase === 'done' || state.phase === 'failed') && (
          <button type="button" onClick={close} data-testid="import-close">
            {t('close')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
