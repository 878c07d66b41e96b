import { useEffect, useState } from 'react';
import { type Locale, label } from '../domain/labels';
import type { ParcelFacts } from '../domain/parcel';
import { AreaValue } from './AreaValue';
import { PatrolPanel } from './field/PatrolPanel';
import { useT } from './i18n';
import { HistoryList } from './inspector/HistoryList';
import { OverlayChecks } from './inspector/OverlayChecks';
import { ParcelEditForm } from './inspector/ParcelEditForm';
import { SuggestionCard } from './inspector/SuggestionCard';
import { useAppStore } from './use-app-store';

function display(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function factText(locale: Locale, key: keyof ParcelFacts, value: unknown, yesNo: [string, string]): string {
  if (key === 'parkLevel') return label(locale, 'parkLevel', String(value));
  if (key === 'inefficientReason') return label(locale, 'inefficientType', String(value));
  if (key === 'ruralStockType') return label(locale, 'ruralStockType', String(value));
  if (typeof value === 'boolean') return value ? yesNo[0] : yesNo[1];
  return display(value);
}

type Tab = 'details' | 'edit' | 'patrol' | 'history';

/** The selected parcel: its area, our stock-land fields and the attributes exactly as imported. */
export function Inspector() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const selectedId = useAppStore((s) => s.selectedId);
  const record = useAppStore((s) => s.selected);
  const select = useAppStore((s) => s.selectParcel);
  const areaDifferenceShare = useAppStore((s) => s.checkSettings.areaDifferenceShare);
  const [tab, setTab] = useState<Tab>('details');
  useEffect(() => {
    if (selectedId) setTab('details');
  }, [selectedId]);
  if (!selectedId) {
    return (
      <section className="panel-section inspector" data-testid="inspector-empty">
        <p className="muted">{t('noSelection')}</p>
      </section>
    );
  }
  if (!record) {
    return (
      <section className="panel-section inspector">
        <p className="muted">{t('loading')}</p>
      </section>
    );
  }
  const facts = Object.entries(record.facts).filter(([, v]) => v !== undefined && v !== '') as [
    keyof ParcelFacts,
    unknown,
  ][];
  // Own keys only, in their imported order; values always rendered as text.
  const attributes = Object.keys(record.source.properties).map(
    (key) => [key, record.source.properties[key]] as const,
  );
  return (
    <section className="panel-section inspector" data-testid="inspector" aria-labelledby="inspector-title">
      <div className="inspector-head">
        <h2 id="inspector-title">
          {t('inspector')} <span className="code">{record.facts.code ?? record.id}</span>
        </h2>
        <button type="button" className="icon" aria-label={t('close')} onClick={() => void select(null)}>
          ×
        </button>
      </div>
      <div className="tabs" role="tablist">
        {(['details', 'edit', 'patrol', 'history'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            data-testid={`tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`tab-${name}`)}
          </button>
        ))}
      </div>
      {tab === 'edit' && <ParcelEditForm key={record.id} record={record} onDone={() => setTab('details')} />}
      {tab === 'patrol' && <PatrolPanel record={record} />}
      {tab === 'history' && <HistoryList parcelId={record.id} version={record.version} />}
      {tab === 'details' && (
        <>
          <SuggestionCard record={record} />
          <dl className="kv">
            <dt>{t('area')}</dt>
            <dd>
              <AreaValue m2={record.areaM2} testId="parcel-area" />
            </dd>
            {record.facts.declaredAreaM2 !== undefined && record.facts.declaredAreaM2 > 0 && (
              <>
                <dt>{t('declaredArea')}</dt>
                <dd
                  data-testid="declared-area"
                  className={
                    Math.abs(record.facts.declaredAreaM2 - record.areaM2) >
                    areaDifferenceShare * record.areaM2
                      ? 'flagged'
                      : ''
                  }
                >
                  <AreaValue m2={record.facts.declaredAreaM2} /> {t('difference')}{' '}
                  {(record.facts.declaredAreaM2 - record.areaM2).toFixed(2)} {t('unitM2')} (
                  {(((record.facts.declaredAreaM2 - record.areaM2) / record.areaM2) * 100).toFixed(2)}%)
                  {Math.abs(record.facts.declaredAreaM2 - record.areaM2) >
                    areaDifferenceShare * record.areaM2 && (
                    <strong className="field-error"> {t('areaDiffers')}</strong>
                  )}
                </dd>
              </>
            )}
            <dt>{label(locale, 'recordField', 'category')}</dt>
            <dd data-testid="parcel-category">{label(locale, 'category', record.category)}</dd>
            <dt>{label(locale, 'recordField', 'status')}</dt>
            <dd data-testid="parcel-status">{label(locale, 'status', record.status)}</dd>
          </dl>
          <h3>{t('checks')}</h3>
          <OverlayChecks record={record} />
          <h3>{t('ourFields')}</h3>
          <dl className="kv">
            {facts.map(([key, value]) => (
              <div key={key} className="kv-row">
                <dt>{label(locale, 'factField', key)}</dt>
                <dd>{factText(locale, key, value, [t('yes'), t('no')])}</dd>
              </div>
            ))}
          </dl>
          <h3>{t('attributes')}</h3>
          <table className="attributes" data-testid="attributes">
            <tbody>
              {attributes.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{key}</th>
                  <td>{display(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
