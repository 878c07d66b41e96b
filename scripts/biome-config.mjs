// Generates biome.json: the layer fences of docs/architecture.md as lint rules.
// Run `node scripts/biome-config.mjs` after changing the layer map; biome.json is committed.
import { writeFileSync } from 'node:fs';

const layers = ['shared', 'geo', 'domain', 'io', 'db', 'workers', 'store', 'map', 'ui', 'app'];
// What each layer may import from src/ (besides itself).
const allowed = {
  shared: [],
  geo: ['shared'],
  domain: ['shared', 'geo'],
  io: ['shared', 'geo', 'domain'],
  db: ['shared', 'geo', 'domain'],
  workers: ['shared', 'geo', 'domain', 'io', 'db'],
  store: ['shared', 'geo', 'domain', 'io', 'db', 'workers'],
  map: ['shared', 'geo', 'domain', 'store'],
  ui: ['shared', 'geo', 'domain', 'store', 'map'],
  app: layers,
};
// Which layer owns which library.
const owners = {
  dexie: ['db'],
  'fake-indexeddb': ['db'],
  zustand: ['store', 'ui'],
  'maplibre-gl': ['map', 'app'],
  'terra-draw': ['map'],
  'terra-draw-maplibre-gl-adapter': ['map'],
  shpjs: ['io'],
  fflate: ['io'],
  pmtiles: ['io', 'app'],
  '@maplibre/geojson-vt': ['io'],
  '@maplibre/vt-pbf': ['io'],
  '@turf/*': ['geo'],
  proj4: ['geo'],
  'geographiclib-geodesic': ['geo'],
  flatbush: ['geo'],
  comlink: ['workers', 'store', 'app'],
  react: ['ui', 'app'],
  'react-dom': ['ui', 'app'],
};

const overrides = layers.map((layer) => {
  const patterns = [];
  for (const other of layers) {
    if (other === layer || allowed[layer].includes(other)) continue;
    patterns.push({
      group: [`../${other}`, `../${other}/**`, `../../${other}/**`],
      message: `src/${layer} may not import src/${other} (see docs/architecture.md).`,
    });
  }
  const libs = Object.entries(owners)
    .filter(([, owner]) => !owner.includes(layer))
    .map(([lib]) => lib);
  if (libs.length > 0) {
    patterns.push({
      group: libs.flatMap((lib) => (lib.endsWith('/*') ? [lib, `${lib}*`] : [lib, `${lib}/**`])),
      message: `This library belongs to another layer than src/${layer} (see docs/architecture.md).`,
    });
  }
  return {
    includes: [`src/${layer}/**`, `!src/${layer}/**/*.test.ts`, `!src/${layer}/**/*.test.tsx`],
    linter: { rules: { style: { noRestrictedImports: { level: 'error', options: { patterns } } } } },
  };
});

const config = {
  $schema: './node_modules/@biomejs/biome/configuration_schema.json',
  files: {
    includes: [
      '**',
      '!**/node_modules',
      '!**/dist',
      '!data',
      '!**/*.json',
      '!test-results',
      '!playwright-report',
      '!bench/results',
      '!src/**/fixtures',
    ],
  },
  formatter: { enabled: true, indentStyle: 'space', indentWidth: 2, lineWidth: 110 },
  javascript: { formatter: { quoteStyle: 'single' } },
  assist: { actions: { source: { organizeImports: 'on' } } },
  linter: {
    enabled: true,
    rules: {
      recommended: true,
      suspicious: { noExplicitAny: 'error' },
      security: { noDangerouslySetInnerHtml: 'error' },
      style: { noNonNullAssertion: 'off' },
    },
  },
  overrides,
};
writeFileSync(new URL('../biome.json', import.meta.url), `${JSON.stringify(config, null, 2)}\n`);
// Then: npx biome format --write biome.json (the committed file is formatted).
