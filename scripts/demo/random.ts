/**
 * A tiny seeded PRNG (mulberry32) so the demo county is byte-identical on every run and machine;
 * Math.random would make the committed data churn on every regeneration.
 */
import { mulberry32 } from '../../src/shared/seeded-random';
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One key chosen with probability proportional to its weight. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T;
  /** Log-uniform in [min, max): sizes spread over orders of magnitude. */
  logRange(min: number, max: number): number;
  /** Approximately normal (sum of uniforms), mean 0, sd 1. */
  normal(): number;
  /** A new independent stream derived from this one, so adding draws in one part does not shift others. */
  fork(label: string): Random;
}

/** FNV-1a hash of a label, to derive stream seeds from names. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a seeded random source. */
export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    chance: (p) => next() < p,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted: (weights) => {
      const keys = Object.keys(weights) as (keyof typeof weights)[];
      let total = 0;
      for (const key of keys) total += weights[key];
      let x = next() * total;
      for (const key of keys) {
        x -= weights[key];
        if (x < 0) return key;
      }
      return keys[keys.length - 1] as (typeof keys)[number];
    },
    logRange: (min, max) => Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * next()),
    normal: () => {
      let sum = 0;
      for (let i = 0; i < 6; i++) sum += next();
      return (sum - 3) / Math.SQRT1_2;
    },
    fork: (label) => createRandom((seed ^ hashLabel(label)) >>> 0),
  };
  return random;
}
