import { useRef } from 'react';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';
import { downloadFile } from './download';

const show = (value: unknown): string =>
  value === undefined || value === null
    ? '—'
    : typeof value === 'object'
      ? JSON.stringify(value).slice(0, 120)
      : String(value);

/** Back up everything; restore with a preview; merge another inspector's data with per-field decisions. */
export function BackupView() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const busy = useAppStore((s) => s.reportsBusy);
  const backupAll = useAppStore((s) => s.backupAll);
  const previewRestore = useAppStore((s) => s.previewRestore);
  const applyRestore = useAppStore((s) => s.applyRestore);
  const previewMerge = useAppStore((s) => s.previewMerge);
  const decide = useAppStore((s) => s.decideMergeConflict);
  const applyMerge = useAppStore((s) => s.applyMerge);
  const close = useAppStore((s) => s.closeReportPreviews);
  const restore = useAppStore((s) => s.restorePreview);
  const merge = useAppStore((s) => s.mergePreview);
  const showError = useAppStore((s) => s.showError);
  const plan = restore?.plan;
  return (
    <div className="backup-view" data-testid="backup-view">
      <section className="panel-section">
        <h3>{t('rpBackupAll')}</h3>
        <p className="muted small">{t('rpBackupHelp')}</p>
        <button
          type="button"
          className="primary"
          data-testid="backup-run"
          disabled={busy !== null}
          onClick={() => backupAll().then(downloadFile).catch(showError)}
        >
          {busy === 'backup' ? t('loading') : t('rpBackupAll')}
        </button>
      </section>
      <section className="panel-section">
        <h3>{t('rpRestore')}</h3>
        <p className="muted small">{t('rpRestoreHelp')}</p>
        <FilePicker
          accept=".zip"
          testId="restore-input"
          disabled={busy !== null}
          onFile={(file) => previewRestore(file).catch(showError)}
        />
        {restore && plan && (
          <div className="preview" data-testid="restore-preview">
            <p>
              <strong>{restore.fileName}</strong> · {t('rpPlanInto', { into: t(`rp-into-${plan.into}`) })}
            </p>
            <p className="small">{t('rpPlanLayers', { added: plan.layersAdded, kept: plan.layersKept })}</p>
            <p className="small">
              {t('rpPlanParcels', {
                added: plan.parcelsAdded.toLocaleString(locale),
                changed: plan.parcelsChanged.toLocaleString(locale),
                same: plan.parcelsUnchanged.toLocaleString(locale),
                here: plan.parcelsOnlyHere.toLocaleString(locale),
              })}
            </p>
            <p className="small">
              {t('rpPlanOther', {
                features: plan.featuresAdded,
                changes: plan.changesAdded,
                settings: plan.settingsChanged,
                patrols: plan.patrolsAdded,
                photos: plan.photosAdded,
              })}
            </p>
            <div className="form-actions">
              <button type="button" onClick={close}>
                {t('rpCancel')}
              </button>
              <button
                type="button"
                className="primary"
                data-testid="restore-apply"
                disabled={busy !== null}
                onClick={() => applyRestore().catch(showError)}
              >
                {t('rpApply')}
              </button>
            </div>
          </div>
        )}
      </section>
      <section className="panel-section">
        <h3>{t('rpMerge')}</h3>
        <p className="muted small">{t('rpMergeHelp')}</p>
        <FilePicker
          accept=".zip,.geojson,.json"
          testId="merge-input"
          disabled={busy !== null}
          onFile={(file) => previewMerge(file).catch(showError)}
        />
        {merge && (
          <div className="preview" data-testid="merge-preview">
            <p>
              <strong>{merge.fileName}</strong> ·{' '}
              {t('rpMergeSummary', {
                added: merge.added,
                updated: merge.updated,
                conflicts: merge.conflicts.length,
              })}
            </p>
            {merge.conflicts.length > 0 && (
              <table className="stats-table">
                <thead>
                  <tr>
                    <th>{t('rpColCode')}</th>
                    <th>{t('rpField')}</th>
                    <th>{t('rpLocalValue')}</th>
                    <th>{t('rpIncomingValue')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {merge.conflicts.map((c, i) => (
                    <tr key={`${c.parcelId}-${c.field}`} data-testid="merge-conflict">
                      <td>{c.parcelId}</td>
                      <td>{c.field}</td>
                      <td>
                        {show(c.localValue)}
                        <div className="muted small">{c.localAt}</div>
                      </td>
                      <td>
                        {show(c.incomingValue)}
                        <div className="muted small">{c.incomingAt}</div>
                      </td>
                      <td>
                        <label className="inline-field">
                          <input
                            type="radio"
                            name={`merge-${i}`}
                            checked={merge.decisions[i] === 'local'}
                            onChange={() => decide(i, 'local')}
                          />
                          {t('rpKeepLocal')}
                        </label>
                        <label className="inline-field">
                          <input
                            type="radio"
                            name={`merge-${i}`}
                            checked={merge.decisions[i] === 'incoming'}
                            onChange={() => decide(i, 'incoming')}
                          />
                          {t('rpTakeIncoming')}
                        </label>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="form-actions">
              <button type="button" onClick={close}>
                {t('rpCancel')}
              </button>
              <button
                type="button"
                className="primary"
                data-testid="merge-apply"
                disabled={busy !== null}
                onClick={() => applyMerge().catch(showError)}
              >
                {t('rpApply')}
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}

/** A button that picks one file (the input stays hidden); the same file can be picked again. */
function FilePicker({
  accept,
  testId,
  disabled,
  onFile,
}: {
  accept: string;
  testId: string;
  disabled: boolean;
  onFile: (file: File) => void;
}) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept={accept}
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <button type="button" disabled={disabled} onClick={() => input.current?.click()}>
        {t('rpPickFile')}
      </button>
    </>
  );
}
