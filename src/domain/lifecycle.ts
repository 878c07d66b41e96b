import { err, ok, type Result } from '../shared/result';
import type { Status } from './parcel';

/**
 * The status lifecycle of a stock-land parcel (DOMAIN.md): 待核实 → 已认定 → 处置中 → 已处置/已盘活,
 * or 已撤销 from any status before 已处置. Used by the store before it saves a status change, and by
 * the UI to offer only the allowed next statuses.
 *
 * Two backward steps are allowed, each only with a reason (the change log keeps it):
 * - 处置中 → 已认定: a disposal attempt failed (an auction without a bidder, a swap that fell
 *   through); the parcel is stock land again.
 * - 已处置 → 处置中 (reopen): a disposal can be undone after the fact (a rescinded 出让 contract, a
 *   recovery overturned in court, or a data error). Forbidding it would force people to falsify
 *   the record with a new parcel. Because the year's indicators count disposals from the change
 *   log, a reopened parcel stops counting as disposed from the reopen date on.
 * 已撤销 is final: the approval is withdrawn and the parcel has left the inventory; a new approval
 * is a new record.
 */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  'to-verify': ['confirmed', 'revoked'],
  confirmed: ['disposing', 'revoked'],
  disposing: ['disposed', 'confirmed', 'revoked'],
  disposed: ['disposing'],
  revoked: [],
};

/** Backward steps: they need a written reason. */
const NEEDS_REASON: ReadonlySet<string> = new Set(['disposing>confirmed', 'disposed>disposing']);

/** Why a transition was refused; the code picks the message in labels.ts (`transitionError`). */
export interface TransitionError {
  code: 'no-change' | 'not-allowed' | 'reason-required';
  from: Status;
  to: Status;
}

/** Whether `from → to` is an allowed step (ignores the reason requirement). */
export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether the step `from → to` must carry a reason. */
export function transitionNeedsReason(from: Status, to: Status): boolean {
  return NEEDS_REASON.has(`${from}>${to}`);
}

/** The statuses reachable from `from` in one step, for the status picker. */
export function nextStatuses(from: Status): readonly Status[] {
  return TRANSITIONS[from];
}

/**
 * Checks a status change; returns the new status or why it is refused. Never throws: the caller
 * shows the error inline.
 */
export function transition(from: Status, to: Status, reason?: string): Result<Status, TransitionError> {
  if (from === to) return err({ code: 'no-change', from, to });
  if (!canTransition(from, to)) return err({ code: 'not-allowed', from, to });
  if (transitionNeedsReason(from, to) && (reason === undefined || reason.trim() === '')) {
    return err({ code: 'reason-required', from, to });
  }
  return ok(to);
}
