import { useDeferredValue, useMemo } from 'react';
import { label } from '../domain/labels';
import { CATEGORIES, type Category, CONTROL_ROLES } from '../domain/parcel';
import { groupLabel } from '../domain/reports/group-label';
import { squareMetresToMu } from '../domain/units';
import { CATEGORY_COLORS, CONTROL_COLORS } from '../map/category-colors';
import { groupColor } from '../map/group-coloring';
import { useT } from './i18n';
import { ColorBySelect } from './reports/ColorBySelect';
import { useAppStore } from './use-app-store';

/** The classes of the map coloured by a grouping, with each class's count and 亩. */
function GroupClassItems() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const mapClasses = useAppStore((s) => s.mapClasses);
  if (!mapClasses) return <li className="muted small">{t('rpLoading')}</li>;
  const { grouping, classes } = mapClasses;
  const notSet = grouping === 'conflict' ? t('rpNoConflict') : t('rpNotSet');
  return classes.map((cls, i) => (
    <li
      key={cls.other ? '\u0000other' : cls.key}
      data-testid="legend-class"
      data-key={cls.other ? '' : cls.key}
      data-count={cls.count}
    >
      <span className="swatch filled" style={{ background: groupColor(classes, i) }} />
      <span>{cls.other ? t('mapOther') : groupLabel(locale, grouping, cls.key, notSet)}</span>
      <span className="muted small">
        {cls.count.toLocaleString(locale)} · {squareMetresToMu(cls.areaM2).toFixed(2)} {t('unitMu')}
      </span>
    </li>
  ));
}

/** Explains the map colours, with the count and 亩 of each category (or of the chosen grouping). */
export function Legend() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  // Deferred, like the conflict list's: the totals of a county are summed in a render of their own.
  const parcels = useDeferredValue(useAppStore((s) => s.parcels));
  const colorBy = useAppStore((s) => s.mapColorBy);
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
      <ColorBySelect testId="legend-color-by" />
      <ul className="legend" data-testid="legend-classes" data-grouping={colorBy}>
        {colorBy !== 'category' && <GroupClassItems />}
        {colorBy === 'category' &&
          CATEGORIES.filter((c) => totals.has(c)).map((category) => {
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
