import { useMemo } from 'react';
import { label } from '../domain/labels';
import { CATEGORIES, type Category, CONTROL_ROLES } from '../domain/parcel';
import { squareMetresToMu } from '../domain/units';
import { CATEGORY_COLORS, CONTROL_COLORS } from '../map/category-colors';
import { useT } from './i18n';
import { useAppStore } from './use-app-store';

/** Explains the map colours, with the count and 亩 of each category. */
export function Legend() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const parcels = useAppStore((s) => s.parcels);
  const totals = useMemo(() => {
    const byCategory = new Map<Category, { count: number; m2: number }>();
    for (const p of parcels.values()) {
      const entry = byCategory.get(p.category) ?? { count: 0, m2: 0 };
      entry.count++;
      entry.m2 += p.areaM2;
      byCategory.set(p.category, entry);
    }
    return byCategory;
  }, [parcels]);
  return (
    <section className="panel-section" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('legend')}</h2>
      <ul className="legend">
        {CATEGORIES.filter((c) => totals.has(c)).map((category) => {
          const entry = totals.get(category);
          return (
            <li key={category} data-testid={`legend-${category}`}>
              <span className="swatch filled" style={{ background: CATEGORY_COLORS[category] }} />
              <span>{label(locale, 'category', category)}</span>
              <span className="muted small">
                {entry?.count.toLocaleString(locale)} · {squareMetresToMu(entry?.m2 ?? 0).toFixed(2)}{' '}
                {t('unitMu')}
              </span>
            </li>
          );
        })}
        {CONTROL_ROLES.map((role) => (
          <li key={role}>
            <span className={`swatch control-${role}`} style={{ borderColor: CONTROL_COLORS[role] }} />
            <span>{label(locale, 'layerRole', role)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
