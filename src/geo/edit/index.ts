export { LocalPlane } from './local-plane';
export { MERGE_TOLERANCE_M, type MergeError, type MergeResult, mergeShapes } from './merge';
export { type SplitError, type SplitResult, splitByLine } from './split';
