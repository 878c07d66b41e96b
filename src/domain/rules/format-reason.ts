import { fillTemplate, type LabelGroup, type Locale, label, labels } from '../labels';
import type { Missing, Reason } from './reason';

/** Parameters whose values are codes to translate, and the label group of each. */
const LABELLED_PARAMS: Readonly<Record<string, LabelGroup>> = {
  parkLevel: 'parkLevel',
  inefficientType: 'inefficientType',
  ruralStockType: 'ruralStockType',
  idleCause: 'idleCause',
};

const formatNumber = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * Renders a rule reason for the inspector and the re-run dialog, e.g.
 * "约定动工日期 2023-03-01 已满 1 年未动工 → 闲置土地 (闲置土地处置办法 第二条)".
 */
export function formatReason(reason: Reason, locale: Locale): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.params)) {
    const group = LABELLED_PARAMS[name];
    if (group !== undefined && typeof value === 'string') params[name] = label(locale, group, value);
    else params[name] = typeof value === 'number' ? formatNumber(value) : value;
  }
  const text = fillTemplate(labels[locale].reason[reason.code], params);
  return reason.citation === undefined ? text : `${text} (${reason.citation})`;
}

/** Renders the facts a suggestion lacks: "cannot decide: needs agreed start date". */
export function formatUndecided(missing: readonly Missing[], locale: Locale): string {
  const names = [...new Set(missing.map((item) => item.field))].map((field) =>
    field === 'idleCause' || field === 'areaM2'
      ? label(locale, 'recordField', field)
      : label(locale, 'factField', field),
  );
  return fillTemplate(labels[locale].message.undecided, {
    fields: names.join(labels[locale].message.listSeparator),
  });
}
