import type { ParcelFacts } from '../parcel';
import type { RuleInput } from './reason';

/** A rule input with the given facts; 6,666.67 m² (10 亩) unless told otherwise. Test-only helper. */
export function parcel(facts: ParcelFacts, extra: Partial<Omit<RuleInput, 'facts'>> = {}): RuleInput {
  return { facts, areaM2: 10_000 / 1.5, ...extra };
}
