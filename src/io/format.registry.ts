import type { ImportedLayer, ImportFile, ImportOptions, SourceFile } from './import.types';
import type { NoteCollector } from './import-notes';

/** What a format module receives: its claimed files and the shared import context. */
export interface FormatContext {
  options: ImportOptions;
  notes: NoteCollector;
  /** Throws 'import-cancelled' when the caller aborted; call between records in long loops. */
  checkCancelled: () => void;
}

/**
 * One file format. `claims` picks the files it reads (by extension); `read` turns them into layers,
 * filing problems as notes and returning no layer for a part it cannot import. Throws only
 * AppErrors for faults that end the whole import. Only the shapefile format is given zip entries
 * still to inflate (`DeferredFile`: a `.shp` or `.dbf`); the others get their files read.
 */
export type FileFormat = ShapefileFileFormat | BytesFileFormat;

/** The shapefile format: given zip entries still to inflate too, read in its own order. */
export interface ShapefileFileFormat {
  id: 'shapefile';
  claims(file: ImportFile): boolean;
  read(files: ImportFile[], ctx: FormatContext): Promise<ImportedLayer[]>;
}

/** A format that reads files' bytes as they are. */
export interface BytesFileFormat {
  id: 'geojson' | 'coordinate-text';
  claims(file: ImportFile): boolean;
  read(files: SourceFile[], ctx: FormatContext): ImportedLayer[];
}

/** Registered formats, tried in order; the first whose `claims` accepts a file gets it. */
export const FORMATS: FileFormat[] = [];

/** Adds a format (each format module registers itself once, from import-files.ts). */
export function registerFormat(format: FileFormat): void {
  if (!FORMATS.some((f) => f.id === format.id)) FORMATS.push(format);
}
