/**
 * One field change of one parcel, written in the same transaction as the change itself
 * (DESIGN.md habit 3: one mutation entry point that writes the change log).
 */
export interface ChangeEntry {
  id?: number;
  parcelId: string;
  /** ISO date-time of the change. */
  at: string;
  who: string;
  /** Dotted path of the field: 'category', 'status', 'facts.approvalDate', 'geometry' … */
  field: string;
  oldValue: unknown;
  newValue: unknown;
  reason?: string;
  /** Changes made by one user action share a batch id (for undo and bulk edits). */
  batch: string;
}
