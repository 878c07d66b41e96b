import { expect, it } from 'vitest';
import { numbering } from './numbering';

it('numbers distinct values in the order first seen, by their key', () => {
  const words = numbering();
  expect(['ok', 'conflict', 'ok', 'outside', 'conflict'].map((w) => words.of(w))).toEqual([0, 1, 0, 2, 1]);
  expect(words.values).toEqual(['ok', 'conflict', 'outside']);
  const shapes = numbering<string[]>((keys) => JSON.stringify(keys));
  const a = ['role', 'verdict'];
  expect(shapes.of(a)).toBe(0);
  expect(shapes.of(['role', 'verdict'])).toBe(0);
  expect(shapes.of(['verdict', 'role'])).toBe(1);
  expect(shapes.of(['role\u0000verdict'])).toBe(2);
  expect(shapes.values[0]).toBe(a);
});
