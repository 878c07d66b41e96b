// `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) one after another. A
// name picks the bench of exactly that name when there is one (`import` is not also
// `import-browser`), else every bench whose name starts with it.
// Each module exports `run()`, which prints medians of several runs and peak memory. Benchmarks
// measure; tests assert behaviour (no timing asserts anywhere).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(folder).filter((f) => f.endsWith('.bench.ts'));
const picks = (w: string): string[] =>
  all.includes(`${w}.bench.ts`) ? [`${w}.bench.ts`] : all.filter((f) => f.startsWith(w));
const modules = wanted.length === 0 ? all.sort() : [...new Set(wanted.flatMap(picks))].sort();

console.log(`Landstock benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const file of modules) {
  console.log(`\n== ${file}`);
  const module = (await import(new URL(file, import.meta.url).href)) as { run?: () => Promise<void> };
  if (typeof module.run !== 'function') {
    console.log('  (no run() exported; skipped)');
    continue;
  }
  await module.run();
}
