import { type FormEvent, useEffect, useRef, useState } from 'react';
import { todayInChina } from '../../domain/china-date';
import { label } from '../../domain/labels';
import {
  PATROL_FINDINGS,
  PATROL_STAGES,
  type ParcelFacts,
  type ParcelRecord,
  type PatrolFinding,
  type PatrolStage,
} from '../../domain/parcel';
import { type GpsFix, type PatrolRecord, POOR_ACCURACY_M } from '../../domain/patrol';
import type { NewPhoto } from '../../store/field-slice';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';

/** Which fact a stage seen on site establishes (written through the edit path so the rules re-run). */
const STAGE_FACT: Partial<Record<PatrolStage, keyof ParcelFacts>> = {
  started: 'actualStartDate',
  completed: 'completionDate',
  stopped: 'stopDate',
};

interface Draft {
  stage: PatrolStage;
  finding: PatrolFinding;
  notes: string;
}

function PhotoThumb({ id }: { id: string }) {
  const loadPhoto = useAppStore((s) => s.loadPhoto);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    void loadPhoto(id).then((photo) => {
      if (!live || !photo) return;
      objectUrl = URL.createObjectURL(photo.blob);
      setUrl(objectUrl);
    });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [id, loadPhoto]);
  if (!url) return <span className="thumb placeholder" />;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="thumb" data-testid="patrol-photo">
      <img src={url} alt="" />
    </a>
  );
}

/** The parcel's patrol records (newest first) and a form for a new one; notes are kept as typed. */
export function PatrolPanel({ record }: { record: ParcelRecord }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const loadPatrols = useAppStore((s) => s.loadPatrols);
  const savePatrol = useAppStore((s) => s.savePatrol);
  const preparePhoto = useAppStore((s) => s.preparePhoto);
  const loadDraft = useAppStore((s) => s.loadDraft);
  const saveDraft = useAppStore((s) => s.saveDraft);
  const showError = useAppStore((s) => s.showError);
  const inspector = useAppStore((s) => s.inspectorName);
  const [patrols, setPatrols] = useState<PatrolRecord[] | null>(null);
  const [draft, setDraft] = useState<Draft>({ stage: 'not-started', finding: 'normal', notes: '' });
  const [photos, setPhotos] = useState<NewPhoto[]>([]);
  const [position, setPosition] = useState<GpsFix | null>(null);
  const [applyFact, setApplyFact] = useState(true);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState('');
  const draftKey = `patrol:${record.id}`;
  const restored = useRef(false);

  // A patrol saved for this parcel in another tab: list it too.
  const patrolsChanged = useAppStore((s) => s.patrolsChanged);
  useEffect(() => {
    if (!patrolsChanged.parcelIds.includes(record.id)) return;
    let live = true;
    void loadPatrols(record.id).then((list) => live && setPatrols(list));
    return () => {
      live = false;
    };
  }, [patrolsChanged, record.id, loadPatrols]);

  useEffect(() => {
    let live = true;
    restored.current = false;
    void loadPatrols(record.id).then((list) => live && setPatrols(list));
    void loadDraft<Draft>(draftKey).then((saved) => {
      if (!live) return;
      if (saved) setDraft(saved);
      restored.current = true;
    });
    return () => {
      live = false;
    };
  }, [record.id, draftKey, loadPatrols, loadDraft]);

  // Typed notes are saved as they are typed: a reload or crash loses at most the last keystrokes.
  useEffect(() => {
    if (!restored.current) return;
    const timer = setTimeout(() => saveDraft(draftKey, draft).catch(showError), 300);
    return () => clearTimeout(timer);
  }, [draft, draftKey, saveDraft, showError]);

  const registerUnsavedInput = useAppStore((s) => s.registerUnsavedInput);
  const pending = useRef(false);
  pending.current = draft.notes.trim() !== '' || photos.length > 0;
  // Notes are kept as drafts, but photos picked and not yet saved live only here.
  useEffect(() => registerUnsavedInput(() => pending.current), [registerUnsavedInput]);

  const fact = STAGE_FACT[draft.stage];
  const today = todayInChina();

  const addPhotos = async (files: FileList | null) => {
    if (!files) return;
    try {
      const prepared = await Promise.all([...files].map((f) => preparePhoto(f, f.name)));
      setPhotos((list) => [...list, ...prepared]);
    } catch (error) {
      showError(error);
    }
  };

  const locate = () => {
    if (!('geolocation' in navigator)) return;
    navigator.geolocation.getCurrentPosition(
      (p) =>
        setPosition({
          lon: p.coords.longitude,
          lat: p.coords.latitude,
          accuracyM: p.coords.accuracy,
          at: new Date(p.timestamp).toISOString(),
        }),
      (e) => setMessage(t('gpsError', { text: e.message })),
      { enableHighAccuracy: true, timeout: 20_000 },
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setMessage('');
    try {
      await savePatrol({
        parcelId: record.id,
        stage: draft.stage,
        finding: draft.finding,
        notes: draft.notes.trim(),
        ...(position ? { position } : {}),
        photos,
        ...(fact && applyFact && !record.facts[fact] ? { factUpdates: { [fact]: today } } : {}),
      });
      restored.current = false;
      setDraft({ stage: 'not-started', finding: 'normal', notes: '' });
      setPhotos([]);
      setPosition(null);
      setPatrols(await loadPatrols(record.id));
      restored.current = true;
      setMessage(t('patrolSaved'));
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="patrol" data-testid="patrol-panel">
      <form onSubmit={(e) => void submit(e)} className="edit-form" data-testid="patrol-form">
        <p className="muted small">
          {t('inspectorName')}: {inspector || '—'}
        </p>
        <div className="field-pair">
          <label className="field">
            <span>{t('stageSeen')}</span>
            <select
              name="stage"
              value={draft.stage}
              onChange={(e) => setDraft({ ...draft, stage: e.target.value as PatrolStage })}
            >
              {PATROL_STAGES.map((s) => (
                <option key={s} value={s}>
                  {label(locale, 'patrolStage', s)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('finding')}</span>
            <select
              name="finding"
              value={draft.finding}
              onChange={(e) => setDraft({ ...draft, finding: e.target.value as PatrolFinding })}
            >
              {PATROL_FINDINGS.map((f) => (
                <option key={f} value={f}>
                  {label(locale, 'patrolFinding', f)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {fact && !record.facts[fact] && (
          <label>
            <input type="checkbox" checked={applyFact} onChange={(e) => setApplyFact(e.target.checked)} />{' '}
            {t('setFactToday', { field: label(locale, 'factField', fact), date: today })}
          </label>
        )}
        <label className="field">
          <span>{t('patrolNotes')}</span>
          <textarea
            name="notes"
            rows={3}
            data-testid="patrol-notes"
            value={draft.notes}
            onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
          />
        </label>
        <div className="field-pair">
          <label className="field">
            <span>{t('photos')}</span>
            <input
              type="file"
              accept="image/*"
              capture="environment"
              multiple
              data-testid="patrol-photo-input"
              onChange={(e) => {
                void addPhotos(e.target.files);
                e.target.value = '';
              }}
            />
            <small className="muted" data-testid="patrol-photo-count">
              {t('photosReady', { count: photos.length })}
            </small>
          </label>
          <div className="field">
            <span>{t('position')}</span>
            <button type="button" onClick={locate}>
              {t('useMyPosition')}
            </button>
            {position && (
              <small className={position.accuracyM > POOR_ACCURACY_M ? 'field-error' : 'muted'}>
                {position.lat.toFixed(6)}, {position.lon.toFixed(6)} ±{position.accuracyM.toFixed(0)} m
              </small>
            )}
          </div>
        </div>
        <button type="submit" className="primary" disabled={saving} data-testid="patrol-save">
          {t('savePatrol')}
        </button>
        {message && <p role="status">{message}</p>}
      </form>
      <h3>{t('patrolRecords')}</h3>
      {patrols && patrols.length === 0 && <p className="muted">{t('noPatrols')}</p>}
      <ol className="history" data-testid="patrol-list">
        {(patrols ?? []).map((p) => (
          <li key={p.id} data-testid="patrol-item">
            <div className="muted small">
              {new Date(p.at).toLocaleString(locale)} · {p.inspector}
            </div>
            <div>
              <strong>{label(locale, 'patrolStage', p.stage)}</strong> ·{' '}
              {label(locale, 'patrolFinding', p.finding)}
            </div>
            {p.notes && <div>{p.notes}</div>}
            {p.position && (
              <div className="muted small">
                {p.position.lat.toFixed(6)}, {p.position.lon.toFixed(6)} ±{p.position.accuracyM.toFixed(0)} m
              </div>
            )}
            {p.photoIds.length > 0 && (
              <div className="thumbs">
                {p.photoIds.map((id) => (
                  <PhotoThumb key={id} id={id} />
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
