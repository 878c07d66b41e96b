export type { ValidateOptions, ValidityCode, ValidityIssue, ValidityResult } from './polygon.validator';
export { pointInRing, signedArea2, validateAreaGeometry } from './polygon.validator';
export type { SegmentCrossing } from './self-intersection';
export { findSegmentCrossings } from './self-intersection';
