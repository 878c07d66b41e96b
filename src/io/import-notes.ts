import type { ImportNote, ImportNoteCode } from './import.types';

const MAX_RECORDS_PER_NOTE = 100;

/**
 * Collects notes, folding per-record findings with the same code into one note per file/layer
 * (first 100 record numbers plus a count), so a county with 50,000 duplicate vertices yields one
 * readable line instead of 50,000.
 */
export class NoteCollector {
  readonly notes: ImportNote[] = [];
  private readonly byKey = new Map<string, ImportNote>();

  /** Adds a one-off note. */
  add(note: ImportNote): void {
    this.notes.push(note);
  }

  /** Adds a per-record finding; the message is used once, for the first record. */
  record(
    code: ImportNoteCode,
    severity: ImportNote['severity'],
    message: string,
    record: number,
    where: { file?: string; layer?: string },
  ): void {
    const key = `${code}\u0000${where.file ?? ''}\u0000${where.layer ?? ''}`;
    const existing = this.byKey.get(key);
    if (existing) {
      // Per-vertex findings repeat the same record; count each record once.
      if (existing.records?.[existing.records.length - 1] === record) return;
      existing.count = (existing.count ?? 0) + 1;
      if (existing.records && existing.records.length < MAX_RECORDS_PER_NOTE) existing.records.push(record);
      return;
    }
    const note: ImportNote = { code, severity, message, records: [record], count: 1, ...where };
    this.byKey.set(key, note);
    this.notes.push(note);
  }
}
