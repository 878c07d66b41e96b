import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { todayInChina } from '../../domain/china-date';
import { disposalMethodsFor } from '../../domain/disposal';
import { label } from '../../domain/labels';
import { nextStatuses, transitionNeedsReason } from '../../domain/lifecycle';
import {
  CATEGORIES,
  type Category,
  IDLE_CAUSES,
  type IdleCause,
  INEFFICIENT_TYPES,
  PARK_LEVELS,
  type ParcelFacts,
  type ParcelRecord,
  RURAL_STOCK_TYPES,
  type Status,
} from '../../domain/parcel';
import { suggestCategory } from '../../domain/rules';
import {
  errorsByField,
  type FieldError,
  formatFieldError,
  validateParcelEdit,
} from '../../domain/validation';
import type { ParcelPatch } from '../../store/parcel-patch';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';

type FactKind = 'date' | 'number' | 'text' | 'bool' | 'park';
const FACT_FIELDS: ReadonlyArray<readonly [keyof ParcelFacts, FactKind]> = [
  ['approvalNumber', 'text'],
  ['approvalDate', 'date'],
  ['expropriationDate', 'date'],
  ['supplyDate', 'date'],
  ['agreedStartDate', 'date'],
  ['actualStartDate', 'date'],
  ['stopDate', 'date'],
  ['completionDate', 'date'],
  ['approvedAreaM2', 'number'],
  ['suppliedAreaM2', 'number'],
  ['developedAreaM2', 'number'],
  ['totalInvestment', 'number'],
  ['investedAmount', 'number'],
  ['floorAreaRatio', 'number'],
  ['floors', 'number'],
  ['adminFacilityAreaM2', 'number'],
  ['parkLevel', 'park'],
  ['industrial', 'bool'],
  ['keyProject', 'bool'],
  ['leftoverPlot', 'bool'],
  ['rural', 'bool'],
  ['courtSeized', 'bool'],
  ['owner', 'text'],
  ['location', 'text'],
  ['township', 'text'],
  ['landUse', 'text'],
  ['landUseCode', 'text'],
];

type Draft = Record<string, string>;

function toDraft(record: ParcelRecord): Draft {
  const draft: Draft = {
    category: record.category,
    subType: record.subType ?? '',
    status: record.status,
    idleCause: record.idleCause ?? '',
    disposalMethod: record.disposal?.method ?? '',
    disposalDate: record.disposal?.date ?? '',
    notes: record.notes ?? '',
  };
  for (const [key, kind] of FACT_FIELDS) {
    const value = record.facts[key];
    draft[key] = value === undefined ? '' : kind === 'bool' ? (value ? 'true' : 'false') : String(value);
  }
  return draft;
}

function parseFact(kind: FactKind, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (kind === 'number') return Number(trimmed.replace(/,/g, ''));
  if (kind === 'bool') return trimmed === 'true';
  return trimmed;
}

/** The changes the draft makes to the record, as a patch of only the changed fields. */
function patchOf(record: ParcelRecord, draft: Draft): ParcelPatch {
  const patch: ParcelPatch = {};
  if (draft.category !== record.category) patch.category = draft.category as Category;
  if ((draft.subType || undefined) !== record.subType) patch.subType = draft.subType || undefined;
  if (draft.status !== record.status) patch.status = draft.status as Status;
  if ((draft.idleCause || undefined) !== record.idleCause)
    patch.idleCause = (draft.idleCause || undefined) as IdleCause | undefined;
  const method = draft.disposalMethod || undefined;
  const date = draft.disposalDate || undefined;
  if (method !== record.disposal?.method || date !== record.disposal?.date) {
    patch.disposal = method ? { method, ...(date ? { date } : {}) } : undefined;
  }
  if ((draft.notes || undefined) !== record.notes) patch.notes = draft.notes || undefined;
  const facts: Record<string, unknown> = {};
  for (const [key, kind] of FACT_FIELDS) {
    const value = parseFact(kind, draft[key] ?? '');
    if (value !== record.facts[key]) facts[key] = value;
  }
  if (Object.keys(facts).length > 0) patch.facts = facts as Partial<ParcelFacts>;
  return patch;
}

/**
 * Edits a parcel's tag and facts with inline validation; overriding the rules' suggestion asks for a
 * reason. The form works on the version it was opened at: when the parcel is saved meanwhile in
 * another tab, an untouched form follows it, an edited one says so and its save is refused.
 */
export function ParcelEditForm({ record: latest, onDone }: { record: ParcelRecord; onDone: () => void }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const region = useAppStore((s) => s.region);
  const editParcel = useAppStore((s) => s.editParcel);
  const showError = useAppStore((s) => s.showError);
  const [record, setRecord] = useState(latest);
  const [draft, setDraft] = useState<Draft>(() => toDraft(latest));
  const [conflict, setConflict] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState('');
  const [saving, setSaving] = useState(false);
  const set = (key: string, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const patch = useMemo(() => patchOf(record, draft), [record, draft]);
  const dirty = Object.keys(patch).length > 0;
  const stale = latest.version !== record.version;
  const reloadParcel = () => {
    setRecord(latest);
    setDraft(toDraft(latest));
    setErrors([]);
    setFormError('');
    setConflict(false);
  };
  // Saved elsewhere while this form is untouched: simply show the new version.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows `latest` only
  useEffect(() => {
    if (stale && !dirty) reloadParcel();
  }, [latest]);
  const suggestion = useMemo(
    () =>
      suggestCategory(
        { facts: record.facts, areaM2: record.areaM2, idleCause: record.idleCause },
        todayInChina(),
        region.thresholds,
      ),
    [record, region],
  );
  const overriding = patch.category !== undefined && patch.category !== suggestion.category;
  const statusNeedsReason = patch.status !== undefined && transitionNeedsReason(record.status, patch.status);
  const reasonRequired = overriding || statusNeedsReason;
  const byField = errorsByField(errors);
  const errorOf = (field: string) => {
    const error = byField[field as keyof typeof byField];
    return error ? (
      <span className="field-error" role="alert">
        {formatFieldError(error, locale)}
      </span>
    ) : null;
  };
  const category = draft.category as Category;
  const subTypes =
    category === 'inefficient' ? INEFFICIENT_TYPES : category === 'rural-stock' ? RURAL_STOCK_TYPES : [];
  const methods = disposalMethodsFor(category, (draft.idleCause || undefined) as IdleCause | undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError('');
    const candidateFacts = { ...record.facts, ...(patch.facts ?? {}) } as ParcelFacts;
    for (const key of Object.keys(candidateFacts) as (keyof ParcelFacts)[])
      if (candidateFacts[key] === undefined) delete candidateFacts[key];
    const touched = new Set<string>([...Object.keys(patch), ...Object.keys(patch.facts ?? {})]);
    if (patch.disposal !== undefined || 'disposal' in patch)
      touched.add('disposalMethod').add('disposalDate');
    const found = validateParcelEdit({
      facts: candidateFacts,
      areaM2: record.areaM2,
      category,
      disposal: 'disposal' in patch ? patch.disposal : record.disposal,
    }).filter((e) => touched.has(e.field) || (e.other !== undefined && touched.has(e.other)));
    setErrors(found);
    if (found.length > 0) return;
    if (reasonRequired && reason.trim() === '') {
      setFormError(t(overriding ? 'overrideNeedsReason' : 'statusNeedsReason'));
      return;
    }
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    setSaving(true);
    try {
      await editParcel(record.id, patch, reason.trim() || undefined, record.version);
      onDone();
    } catch (error) {
      const fieldErrors = (error as { fieldErrors?: FieldError[] }).fieldErrors;
      if (fieldErrors) setErrors(fieldErrors);
      else if ((error as { code?: string }).code === 'edit-conflict') setConflict(true);
      else if ((error as { code?: string }).code === 'transition-not-allowed')
        setFormError(t('transitionNotAllowed'));
      else showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="edit-form" onSubmit={(e) => void submit(e)} data-testid="edit-form" noValidate>
      {(conflict || (stale && dirty)) && (
        <div className="field-error" role="alert" data-testid="edit-conflict">
          <p>{t('editConflict')}</p>
          <button type="button" onClick={reloadParcel} data-testid="edit-conflict-reload">
            {t('reloadParcel')}
          </button>
        </div>
      )}
      <label className="field">
        <span>{label(locale, 'recordField', 'category')}</span>
        <select name="category" value={draft.category} onChange={(e) => set('category', e.target.value)}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {label(locale, 'category', c)}
            </option>
          ))}
        </select>
      </label>
      {subTypes.length > 0 && (
        <label className="field">
          <span>{label(locale, 'recordField', 'subType')}</span>
          <select name="subType" value={draft.subType} onChange={(e) => set('subType', e.target.value)}>
            <option value="">—</option>
            {subTypes.map((c) => (
              <option key={c} value={c}>
                {label(locale, category === 'inefficient' ? 'inefficientType' : 'ruralStockType', c)}
              </option>
            ))}
          </select>
        </label>
      )}
      {category === 'idle' && (
        <label className="field">
          <span>{label(locale, 'recordField', 'idleCause')}</span>
          <select name="idleCause" value={draft.idleCause} onChange={(e) => set('idleCause', e.target.value)}>
            <option value="">—</option>
            {IDLE_CAUSES.map((c) => (
              <option key={c} value={c}>
                {label(locale, 'idleCause', c)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{label(locale, 'recordField', 'status')}</span>
        <select name="status" value={draft.status} onChange={(e) => set('status', e.target.value)}>
          {[record.status, ...nextStatuses(record.status)].map((s) => (
            <option key={s} value={s}>
              {label(locale, 'status', s)}
            </option>
          ))}
        </select>
      </label>
      {methods.length > 0 && (
        <div className="field-pair">
          <label className="field">
            <span>{label(locale, 'recordField', 'disposalMethod')}</span>
            <select
              name="disposalMethod"
              value={draft.disposalMethod}
              onChange={(e) => set('disposalMethod', e.target.value)}
            >
              <option value="">—</option>
              {methods.map((m) => (
                <option key={m} value={m}>
                  {label(locale, 'disposalMethod', m)}
                </option>
              ))}
            </select>
            {errorOf('disposalMethod')}
          </label>
          <label className="field">
            <span>{label(locale, 'recordField', 'disposalDate')}</span>
            <input
              type="date"
              name="disposalDate"
              value={draft.disposalDate}
              onChange={(e) => set('disposalDate', e.target.value)}
            />
            {errorOf('disposalDate')}
          </label>
        </div>
      )}
      <fieldset className="facts-grid">
        <legend>{t('ourFields')}</legend>
        {FACT_FIELDS.map(([key, kind]) => (
          <div key={key} className="field">
            <label htmlFor={`fact-${key}`}>{label(locale, 'factField', key)}</label>
            {kind === 'bool' ? (
              <select
                id={`fact-${key}`}
                name={key}
                value={draft[key]}
                onChange={(e) => set(key, e.target.value)}
              >
                <option value="">—</option>
                <option value="true">{t('yes')}</option>
                <option value="false">{t('no')}</option>
              </select>
            ) : kind === 'park' ? (
              <select
                id={`fact-${key}`}
                name={key}
                value={draft[key]}
                onChange={(e) => set(key, e.target.value)}
              >
                <option value="">—</option>
                {PARK_LEVELS.map((p) => (
                  <option key={p} value={p}>
                    {label(locale, 'parkLevel', p)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`fact-${key}`}
                name={key}
                type={kind === 'date' ? 'date' : 'text'}
                inputMode={kind === 'number' ? 'decimal' : undefined}
                value={draft[key]}
                aria-invalid={byField[key] ? true : undefined}
                onChange={(e) => set(key, e.target.value)}
              />
            )}
            {errorOf(key)}
          </div>
        ))}
      </fieldset>
      <label className="field">
        <span>{label(locale, 'recordField', 'notes')}</span>
        <textarea name="notes" rows={3} value={draft.notes} onChange={(e) => set('notes', e.target.value)} />
      </label>
      <label className="field">
        <span>
          {t('reason')}
          {reasonRequired ? ' *' : ''}
        </span>
        <input
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="edit-reason"
        />
        {overriding && (
          <small className="muted">
            {t('overrideHint', { suggested: label(locale, 'category', suggestion.category) })}
          </small>
        )}
      </label>
      {formError && (
        <p className="field-error" role="alert" data-testid="form-error">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-testid="save-edit">
          {t('save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
