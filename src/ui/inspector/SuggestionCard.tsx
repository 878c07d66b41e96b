import { useMemo, useState } from 'react';
import { todayInChina } from '../../domain/china-date';
import { label } from '../../domain/labels';
import type { ParcelRecord } from '../../domain/parcel';
import { formatReason, formatUndecided, suggestCategory } from '../../domain/rules';
import { useT } from '../i18n';
import { useAppStore } from '../use-app-store';

/** The rule engine's suggestion beside the current tag; one click accepts it. */
export function SuggestionCard({ record }: { record: ParcelRecord }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const region = useAppStore((s) => s.region);
  const editParcel = useAppStore((s) => s.editParcel);
  const showError = useAppStore((s) => s.showError);
  const [saving, setSaving] = useState(false);
  const suggestion = useMemo(
    () =>
      suggestCategory(
        { facts: record.facts, areaM2: record.areaM2, idleCause: record.idleCause },
        todayInChina(),
        region.thresholds,
      ),
    [record, region],
  );
  const matches =
    suggestion.category === record.category &&
    (suggestion.subType ?? undefined) === (record.subType ?? undefined) &&
    (suggestion.idleCause === undefined || suggestion.idleCause === record.idleCause);
  const undecidedOnly = suggestion.undecided.length > 0 && suggestion.category === 'unclassified';
  const accept = async () => {
    setSaving(true);
    try {
      await editParcel(
        record.id,
        {
          category: suggestion.category,
          subType: suggestion.subType,
          ...(suggestion.idleCause ? { idleCause: suggestion.idleCause } : {}),
        },
        t('acceptedSuggestion'),
      );
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className={`suggestion ${matches ? 'agrees' : 'differs'}`} data-testid="suggestion">
      <div className="suggestion-head">
        <strong>{t('suggestion')}</strong>
        <span data-testid="suggested-category">
          {undecidedOnly ? t('undecided') : label(locale, 'category', suggestion.category)}
          {suggestion.subType ? ` · ${label(locale, 'inefficientType', suggestion.subType)}` : ''}
        </span>
        {!matches && !undecidedOnly && (
          <button
            type="button"
            data-testid="accept-suggestion"
            disabled={saving}
            onClick={() => void accept()}
          >
            {t('accept')}
          </button>
        )}
        {matches && <span className="muted small">{t('agrees')}</span>}
      </div>
      <ul className="reasons">
        {suggestion.reasons.map((reason) => (
          <li key={`${reason.code}-${JSON.stringify(reason.params)}`}>{formatReason(reason, locale)}</li>
        ))}
        {suggestion.undecided.length > 0 && (
          <li className="undecided">{formatUndecided(suggestion.undecided, locale)}</li>
        )}
      </ul>
    </div>
  );
}
