import type { Category, ControlRole } from '../domain/parcel';

/** Parcel fill colours by stock-land category (legend and map share them). */
export const CATEGORY_COLORS: Record<Category, string> = {
  'approved-not-expropriated': '#9c6ade',
  'approved-not-supplied': '#e8a33d',
  'supplied-not-used': '#f2d04b',
  idle: '#d64545',
  inefficient: '#8a5a44',
  'rural-stock': '#4f9a55',
  leftover: '#4aa3c8',
  'not-stock': '#b8bec6',
  unclassified: '#7d8794',
};

/** Colours of the control layers (三区三线 and parks). */
export const CONTROL_COLORS: Record<ControlRole | 'reference', string> = {
  'development-boundary': '#e4572e',
  'permanent-farmland': '#2e8b57',
  'ecological-redline': '#c81d25',
  park: '#6a4c93',
  reference: '#555f6d',
};

/** Distinct fills of the map coloured by a grouping, one per class (ColorBrewer Paired, reordered). */
export const GROUP_COLORS: readonly string[] = [
  '#1f78b4',
  '#e31a1c',
  '#33a02c',
  '#ff7f00',
  '#6a3d9a',
  '#b15928',
  '#a6cee3',
  '#fb9a99',
  '#b2df8a',
  '#fdbf6f',
  '#cab2d6',
  '#ffff99',
];

/** The fill of the "other" class (the groups beyond the palette) and of parcels not yet classed. */
export const OTHER_GROUP_COLOR = '#c7ccd1';
