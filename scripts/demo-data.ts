/**
 * `npm run demo-data`: writes the seeded demo county to data/demo/ (GeoJSON layers, the parcels
 * as a GBK Gauss-Kruger shapefile zip, manifest.json).
 * Running it twice gives byte-identical files; pass a seed as the first argument to vary it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, generateDemo } from './demo/generate';

const seed = process.argv[2] ? Number(process.argv[2]) : DEFAULT_SEED;
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'demo');
mkdirSync(outDir, { recursive: true });
const started = performance.now();
const { files, stats } = generateDemo(seed);
for (const [name, content] of files) writeFileSync(join(outDir, name), content);
console.log(`demo county (seed ${seed}) → ${outDir} in ${Math.round(performance.now() - started)} ms`);
console.log(JSON.stringify(stats, null, 2));
