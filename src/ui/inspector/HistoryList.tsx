import { useEffect, useState } from 'react';
import type { ChangeEntry } from '../../domain/change-entry';
import { type Locale, label } from '../../domain/labels';
import type { ParcelFacts } from '../../domain/parcel';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';

function fieldName(locale: Locale, field: string): string {
  if (field.startsWith('facts.')) return label(locale, 'factField', field.slice(6) as keyof ParcelFacts);
  return label(locale, 'recordField', field);
}

function valueText(locale: Locale, field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field === 'category') return label(locale, 'category', String(value));
  if (field === 'status') return label(locale, 'status', String(value));
  if (field === 'idleCause') return label(locale, 'idleCause', String(value));
  if (field === 'geometry') return '⬠';
  if (typeof value === 'object') {
    const method = (value as { method?: string }).method;
    return method ? label(locale, 'disposalMethod', method) : JSON.stringify(value);
  }
  return String(value);
}

/** A parcel's change log, newest first: who, when, field, old → new, why. */
export function HistoryList({ parcelId, version }: { parcelId: string; version: number }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const loadHistory = useAppStore((s) => s.loadHistory);
  const [entries, setEntries] = useState<ChangeEntry[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version reloads the list after every saved change.
  useEffect(() => {
    let live = true;
    void loadHistory(parcelId).then(
      (list) => live && setEntries([...list].reverse()),
      () => live && setEntries([]),
    );
    return () => {
      live = false;
    };
  }, [parcelId, version, loadHistory]);
  if (!entries) return <p className="muted">{t('loading')}</p>;
  if (entries.length === 0)
    return (
      <p className="muted" data-testid="history-empty">
        {t('noHistory')}
      </p>
    );
  return (
    <ol className="history" data-testid="history">
      {entries.map((entry) => (
        <li key={entry.id ?? `${entry.at}-${entry.field}`}>
          <div className="muted small">
            {new Date(entry.at).toLocaleString(locale)} · {entry.who}
          </div>
          <div>
            <strong>{fieldName(locale, entry.field)}</strong>:{' '}
            {valueText(locale, entry.field, entry.oldValue)} →{' '}
            {valueText(locale, entry.field, entry.newValue)}
          </div>
          {entry.reason && (
            <div className="reason-text">
              {t(entry.reason === 'undo' || entry.reason === 'redo' ? entry.reason : 'reasonIs', {
                reason: entry.reason,
              })}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
