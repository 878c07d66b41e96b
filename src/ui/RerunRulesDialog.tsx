import { useEffect, useMemo, useState } from 'react';
import { type Locale, label } from '../domain/labels';
import { formatReason, type ProposedChange } from '../domain/rules';
import { Dialog } from './Dialog';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

const SHOWN = 300;

/** The reason that decided the proposal (the engine lists supporting reasons first). */
function lastReason(change: ProposedChange, locale: Locale): string {
  const reason = change.reasons.at(-1);
  return reason ? formatReason(reason, locale) : '';
}

/** Re-runs the rules over every parcel and lists the proposed re-tags; nothing changes until confirmed. */
export function RerunRulesDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const parcels = useAppStore((s) => s.parcels);
  const propose = useAppStore((s) => s.proposeRuleChanges);
  const apply = useAppStore((s) => s.applyRuleChanges);
  const showError = useAppStore((s) => s.showError);
  const [changes, setChanges] = useState<ProposedChange[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [applying, setApplying] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    propose().then(
      (list) => {
        if (!live) return;
        setChanges(list);
        setChosen(new Set(list.map((c) => c.id)));
      },
      (error: unknown) => showError(error),
    );
    return () => {
      live = false;
    };
  }, [propose, showError]);
  const selected = useMemo(() => (changes ?? []).filter((c) => chosen.has(c.id)), [changes, chosen]);
  const toggle = (id: string) =>
    setChosen((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Dialog id="rerun" title={t('rerunRules')} onClose={onClose} wide testId="rerun-dialog">
      {changes === null && <p>{t('loading')}</p>}
      {changes && done === null && (
        <>
          <p data-testid="rerun-count">
            {t('rerunProposals', { count: changes.length, chosen: selected.length })}
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => setChosen(new Set(changes.map((c) => c.id)))}>
              {t('selectAll')}
            </button>
            <button type="button" onClick={() => setChosen(new Set())}>
              {t('selectNone')}
            </button>
          </div>
          <div className="table-scroll tall">
            <table className="checks">
              <tbody>
                {changes.slice(0, SHOWN).map((c) => (
                  <tr key={c.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={parcels.get(c.id)?.code ?? c.id}
                        checked={chosen.has(c.id)}
                        onChange={() => toggle(c.id)}
                      />
                    </td>
                    <td className="code">{parcels.get(c.id)?.code ?? c.id}</td>
                    <td>
                      {label(locale, 'category', c.current.category)} →{' '}
                      <strong>{label(locale, 'category', c.suggested.category)}</strong>
                      <div className="muted small">{lastReason(c, locale)}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {changes.length > SHOWN && (
              <p className="muted small">{t('rerunMore', { count: changes.length - SHOWN })}</p>
            )}
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              data-testid="rerun-apply"
              disabled={applying || selected.length === 0}
              onClick={() => {
                setApplying(true);
                apply(selected, t('rerunReason'))
                  .then(setDone, showError)
                  .finally(() => setApplying(false));
              }}
            >
              {t('rerunApply', { count: selected.length })}
            </button>
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </>
      )}
      {done !== null && (
        <p role="status" data-testid="rerun-done">
          {t('rerunDone', { count: done })}
        </p>
      )}
    </Dialog>
  );
}
