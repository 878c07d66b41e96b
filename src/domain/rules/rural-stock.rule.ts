import { RURAL_STOCK_TYPES, type RuralStockType } from '../parcel';
import { CITATIONS, type RuleInput, type RuleVerdict } from './reason';

const isRuralStockType = (code: unknown): code is RuralStockType =>
  typeof code === 'string' && (RURAL_STOCK_TYPES as readonly string[]).includes(code);

/**
 * 农村存量建设用地 (003 §8: 闲置的集体企业、中小学、乡村公共服务设施用地, 宅基地, 空心村; 000 §三(三)
 * 集体经营性建设用地). Collective land sits outside the state approval/supply chain, so this rule
 * runs first for rural records. Whether village land lies idle is a site finding, so the type must
 * be given; without it the rule cannot decide.
 */
export function ruralStockRule(record: RuleInput): RuleVerdict {
  if (record.facts.rural !== true) return { kind: 'no-match', reasons: [] };
  const type = record.facts.ruralStockType;
  if (!isRuralStockType(type)) {
    return { kind: 'undecided', missing: [{ field: 'ruralStockType', rule: 'rural-stock' }], reasons: [] };
  }
  return {
    kind: 'match',
    category: 'rural-stock',
    subType: type,
    reasons: [{ code: 'rural-stock', citation: CITATIONS.rural, params: { ruralStockType: type } }],
  };
}
