import type { Grouping } from '../indicators';
import { type Locale, label } from '../labels';

/** The label of a group key in a locale ('' is "not set"; conflict keys are "role:verdict"). */
export function groupLabel(locale: Locale, grouping: Grouping, key: string, notSet: string): string {
  if (key === '') return notSet;
  switch (grouping) {
    case 'category':
      return label(locale, 'category', key);
    case 'status':
      return label(locale, 'status', key);
    case 'disposalMethod':
      return label(locale, 'disposalMethod', key);
    case 'park':
      return label(locale, 'parkLevel', key);
    case 'subType':
      return label(locale, 'inefficientType', label(locale, 'ruralStockType', key));
    case 'conflict': {
      if (key === 'none') return notSet;
      const [role = '', verdict = ''] = key.split(':');
      return `${label(locale, 'layerRole', role)} · ${label(locale, 'overlayVerdict', verdict)}`;
    }
    default:
      return key;
  }
}
