import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { mulberry32 } from '../shared/seeded-random';
import type { SourceFile } from './import.types';
import { importFiles } from './import-files';
import { loadFixtureDir, zipOf } from './testing/mini-shapefile';

/**
 * Test 21: seeded fuzz. 2,000 mutations (byte flips, truncations, length-field rewrites, duplicated
 * chunks) of five valid inputs, each through importFiles. Every case must end in a result or an
 * AppError — never a hang, never a non-Error throw — and no result may hold a non-finite or
 * out-of-range coordinate. The parsers are loop-bounded by input length (no loop trusts a header
 * count), so the cases run in-process; a per-case time budget reports the slowest, and every
 * failure prints its seed and case to reproduce it.
 */
const FIX = `${import.meta.dirname}/fixtures`;
const SEED = Number(process.env.FUZZ_SEED ?? 20250301);
const CASES = 2000;
const PER_CASE_BUDGET_MS = 5000;

function mutate(bytes: Uint8Array, random: () => number): { bytes: Uint8Array; how: string } {
  const int = (n: number): number => Math.floor(random() * n);
  const kind = int(4);
  if (bytes.length === 0) return { bytes, how: 'empty' };
  if (kind === 0) {
    const out = bytes.slice();
    const flips = 1 + int(8);
    for (let i = 0; i < flips; i++) out[int(out.length)] = int(256);
    return { bytes: out, how: `flip×${flips}` };
  }
  if (kind === 1) {
    const len = int(bytes.length);
    return { bytes: bytes.slice(0, len), how: `truncate@${len}` };
  }
  if (kind === 2) {
    const out = bytes.slice();
    const view = new DataView(out.buffer);
    const at = int(Math.max(1, Math.min(out.length - 4, 128)));
    const values = [0, -1, 0x7fffffff, 0xffffffff, 50_000_000, int(1 << 20), -int(1000)];
    const value = values[int(values.length)] as number;
    if (at + 4 <= out.length) view.setUint32(at, value >>> 0, random() < 0.5);
    return { bytes: out, how: `length@${at}=${value}` };
  }
  const from = int(bytes.length);
  const len = Math.min(int(4096), bytes.length - from);
  const at = int(bytes.length);
  const out = new Uint8Array(bytes.length + len);
  out.set(bytes.subarray(0, at), 0);
  out.set(bytes.subarray(from, from + len), at);
  out.set(bytes.subarray(at), at + len);
  return { bytes: out, how: `dup ${from}+${len}@${at}` };
}

const gk39 = loadFixtureDir(`${FIX}/gk39_gbk`);
const geo = loadFixtureDir(`${FIX}/geo4490_gbk`);
const text = [
  '[属性描述]',
  '坐标系=2000国家大地坐标系',
  '几度分带=3',
  '带号=39',
  '[地块坐标]',
  '5,1.5,DK001,地块,面,,,,@',
  'J1,1,4058156.55,39511038.64',
  'J2,1,4058256.55,39511038.64',
  'J3,1,4058256.55,39511138.64',
  'J4,1,4058156.55,39511138.64',
  'J1,1,4058156.55,39511038.64',
].join('\n');

/** Five valid inputs; each case mutates one file of one of them. */
const BASES: { name: string; files: SourceFile[] }[] = [
  {
    name: 'zip',
    files: [
      { name: 'county.zip', bytes: zipOf(Object.fromEntries(gk39.map((f) => [`a/${f.name}`, f.bytes]))) },
    ],
  },
  { name: 'loose shp/dbf/shx/prj/cpg', files: gk39 },
  { name: 'geographic shapefile', files: geo },
  {
    name: 'geojson',
    files: [{ name: 'p.geojson', bytes: new Uint8Array(readFileSync(`${FIX}/parcels.geojson`)) }],
  },
  { name: 'coordinate text', files: [{ name: 'p.txt', bytes: new TextEncoder().encode(text) }] },
];

describe('import fuzz (test 21)', () => {
  it(`${CASES} seeded mutations end in a result or an AppError (seed ${SEED})`, {
    timeout: 240_000,
  }, async () => {
    const random = mulberry32(SEED);
    const failures: string[] = [];
    let results = 0;
    let errors = 0;
    let slowest = 0;
    for (let c = 0; c < CASES; c++) {
      const base = BASES[c % BASES.length] as (typeof BASES)[number];
      const target = Math.floor(random() * base.files.length);
      const { bytes, how } = mutate((base.files[target] as SourceFile).bytes, random);
      const files = base.files.map((f, i) => (i === target ? { name: f.name, bytes } : f));
      const label = `seed ${SEED} case ${c} (${base.name}, ${files[target]?.name}, ${how})`;
      const start = performance.now();
      try {
        const result = await importFiles(files);
        results++;
        for (const layer of result.layers) {
          for (const feature of layer.features) {
            const polys =
              feature.geometry.type === 'Polygon'
                ? [feature.geometry.coordinates]
                : feature.geometry.coordinates;
            for (const poly of polys) {
              for (const ring of poly) {
                for (const p of ring) {
                  const [x, y] = p as [number, number];
                  if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90))
                    failures.push(`${label}: stored coordinate ${x},${y}`);
                }
              }
            }
          }
        }
      } catch (e) {
        if (e instanceof AppError && typeof e.message === 'string' && e.message.length > 0) errors++;
        else failures.push(`${label}: threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      }
      const took = performance.now() - start;
      slowest = Math.max(slowest, took);
      if (took > PER_CASE_BUDGET_MS) failures.push(`${label}: took ${took.toFixed(0)} ms`);
      if (failures.length > 20) break;
    }
    if (failures.length > 0)
      console.error(`Fuzz failures (reproduce with FUZZ_SEED=${SEED}):\n${failures.join('\n')}`);
    expect(failures).toEqual([]);
    expect(results + errors).toBe(CASES);
    console.log(
      `fuzz seed ${SEED}: ${results} results, ${errors} AppErrors, slowest case ${slowest.toFixed(0)} ms`,
    );
  });
});
