/** Names of shapefile shape types (ESRI Shapefile Technical Description, 1998). */
export const SHAPE_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};

/** Whether this platform stores numbers little-endian, as shapefiles store their points. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** The 2-D family of a shape type: 1 point, 3 line, 5 polygon, 8 multipoint; undefined if unsupported. */
export function baseShapeType(type: number): 1 | 3 | 5 | 8 | undefined {
  switch (type) {
    case 1:
    case 11:
    case 21:
      return 1;
    case 3:
    case 13:
    case 23:
      return 3;
    case 5:
    case 15:
    case 25:
      return 5;
    case 8:
    case 18:
    case 28:
      return 8;
    default:
      return undefined;
  }
}

/** Per-record status after reading. */
export const RECORD_OK = 0;
export const RECORD_NULL = 1;
export const RECORD_INVALID = 2;

/** A problem found while reading the .shp (turned into notes by the format module). */
export interface ShpProblem {
  kind: 'truncated' | 'header-length-mismatch' | 'record-invalid' | 'bad-header' | 'zm-dropped';
  message: string;
  /** 1-based record index (position in the file, which is what pairs it with a DBF row). */
  record?: number;
}

/**
 * A .shp read into flat typed arrays: record i (0-based) spans parts recordPartStart[i] …
 * recordPartStart[i+1]−1, part j spans vertices partStart[j] … partStart[j+1]−1, vertex v is at
 * coords[2v], coords[2v+1]. One allocation per array, no per-vertex objects: a county of 1.3 M
 * vertices reads in tens of milliseconds.
 */
export interface ShpData {
  shapeType: number;
  records: number;
  recordStatus: Uint8Array;
  recordPartStart: Uint32Array;
  partStart: Uint32Array;
  coords: Float64Array;
  problems: ShpProblem[];
  /** True when the file ended inside a record (or the header claims more than the file holds). */
  truncated: boolean;
}

/** Shape type from a .shp header, or undefined when the header is not a shapefile header. */
export function readShpHeaderType(bytes: Uint8Array): number | undefined {
  if (bytes.length < 100) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, false) !== 9994) return undefined;
  return view.getInt32(32, true);
}

interface RecordScan {
  offset: number; // start of content (after the 8-byte record header)
  status: number;
  parts: number;
  points: number;
}

/**
 * Reads a .shp. Every loop advances by at least 8 bytes and is bounded by the real file length
 * (never by header counts), so a hostile header cannot make it spin or allocate more than the file
 * can hold. Records that do not fit their declared length are marked invalid, not guessed at.
 *
 * With `inPlace` (bytes the caller will not read again), the points are gathered to the front of
 * `bytes` and `coords` is a view of them: no second buffer of the county's size. Each record's
 * points lie after its own header and every earlier record, so they only ever move towards the
 * start, over bytes already read. Fresh memory is what costs here: the first write to each page of
 * a new 21 MB array took ~75 ms on the 2-core machine (3.5 ms per MB), more than the copy itself.
 */
export function readShp(bytes: Uint8Array, options: { inPlace?: boolean } = {}): ShpData {
  const problems: ShpProblem[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const empty = (shapeType: number, truncated: boolean): ShpData => ({
    shapeType,
    records: 0,
    recordStatus: new Uint8Array(0),
    recordPartStart: new Uint32Array(1),
    partStart: new Uint32Array(1),
    coords: new Float64Array(0),
    problems,
    truncated,
  });
  if (bytes.length < 100 || view.getInt32(0, false) !== 9994) {
    problems.push({
      kind: 'bad-header',
      message:
        bytes.length < 100
          ? `The .shp file is ${bytes.length === 0 ? 'empty' : 'too short to be a shapefile'}.`
          : 'The .shp file is not a shapefile (bad file code).',
    });
    return empty(0, bytes.length > 0 && bytes.length < 100);
  }
  const declaredLength = view.getInt32(24, false) * 2;
  const shapeType = view.getInt32(32, true);
  let truncated = false;
  if (declaredLength > bytes.length) {
    truncated = true;
    problems.push({
      kind: 'truncated',
      message: `The .shp header says ${declaredLength} bytes but the file has ${bytes.length}: the file is truncated.`,
    });
  } else if (declaredLength !== bytes.length) {
    problems.push({
      kind: 'header-length-mismatch',
      message: `The .shp header says ${declaredLength} bytes but the file has ${bytes.length}; read to the end of the file.`,
    });
  }
  const zm = shapeType !== 0 && shapeType > 10 && shapeType < 30;
  const end = bytes.length;
  const scans: RecordScan[] = [];
  let totalParts = 0;
  let totalPoints = 0;
  let off = 100;
  while (off + 8 <= end) {
    const contentBytes = view.getInt32(off + 4, false) * 2;
    const recordNo = scans.length + 1;
    if (contentBytes < 4) {
      problems.push({
        kind: 'record-invalid',
        message: `Record ${recordNo} has an impossible length (${contentBytes / 2} words); the rest of the file was not read.`,
        record: recordNo,
      });
      truncated = true;
      break;
    }
    const content = off + 8;
    if (content + contentBytes > end) {
      problems.push({
        kind: 'truncated',
        message: `Record ${recordNo} runs past the end of the .shp (file truncated).`,
        record: recordNo,
      });
      truncated = true;
      break;
    }
    const type = view.getInt32(content, true);
    const scan: RecordScan = { offset: content, status: RECORD_INVALID, parts: 0, points: 0 };
    if (type === 0) {
      scan.status = RECORD_NULL;
    } else if (type !== shapeType) {
      problems.push({
        kind: 'record-invalid',
        message: `Record ${recordNo} has shape type ${type}, not the layer's ${shapeType}.`,
        record: recordNo,
      });
    } else {
      const base = baseShapeType(type);
      if (base === 1) {
        if (contentBytes >= 20) Object.assign(scan, { status: RECORD_OK, parts: 1, points: 1 });
      } else if (base === 8) {
        const n = contentBytes >= 40 ? view.getInt32(content + 36, true) : -1;
        if (n >= 0 && 40 + 16 * n <= contentBytes)
          Object.assign(scan, { status: RECORD_OK, parts: n > 0 ? 1 : 0, points: n });
      } else if (base === 3 || base === 5) {
        const nParts = contentBytes >= 44 ? view.getInt32(content + 36, true) : -1;
        const nPoints = contentBytes >= 44 ? view.getInt32(content + 40, true) : -1;
        if (
          nParts >= 0 &&
          nPoints >= 0 &&
          44 + 4 * nParts + 16 * nPoints <= contentBytes &&
          (nParts > 0 || nPoints === 0)
        ) {
          let partsOk = true;
          let prev = -1;
          for (let p = 0; p < nParts && partsOk; p++) {
            const start = view.getInt32(content + 44 + 4 * p, true);
            partsOk = start > prev && start < nPoints && (p > 0 || start === 0);
            prev = start;
          }
          if (partsOk) Object.assign(scan, { status: RECORD_OK, parts: nParts, points: nPoints });
        }
      }
      if (scan.status === RECORD_INVALID) {
        problems.push({
          kind: 'record-invalid',
          message: `Record ${recordNo} has inconsistent part or point counts.`,
          record: recordNo,
        });
      }
    }
    totalParts += scan.parts;
    totalPoints += scan.points;
    scans.push(scan);
    off = content + contentBytes;
  }
  if (off < end && off + 8 > end && !truncated) {
    truncated = true;
    problems.push({ kind: 'truncated', message: 'The .shp ends inside a record header (file truncated).' });
  }
  if (zm && scans.some((s) => s.status === RECORD_OK)) {
    problems.push({
      kind: 'zm-dropped',
      message: `${SHAPE_TYPE_NAMES[shapeType] ?? shapeType}: Z/M values were dropped; the layer is 2-D.`,
    });
  }

  const records = scans.length;
  const recordStatus = new Uint8Array(records);
  const recordPartStart = new Uint32Array(records + 1);
  const partStart = new Uint32Array(totalParts + 1);
  const inPlace = options.inPlace === true && LITTLE_ENDIAN && bytes.byteOffset % 8 === 0;
  const coords = inPlace
    ? new Float64Array(bytes.buffer, bytes.byteOffset, totalPoints * 2)
    : new Float64Array(totalPoints * 2);
  const coordBytes = new Uint8Array(coords.buffer, coords.byteOffset, coords.byteLength);
  let part = 0;
  let vertex = 0;
  for (let r = 0; r < records; r++) {
    const scan = scans[r] as RecordScan;
    recordStatus[r] = scan.status;
    recordPartStart[r] = part;
    if (scan.status !== RECORD_OK) continue;
    const c = scan.offset;
    const base = baseShapeType(shapeType);
    if (base === 1) {
      partStart[part++] = vertex;
      coords[vertex * 2] = view.getFloat64(c + 4, true);
      coords[vertex * 2 + 1] = view.getFloat64(c + 12, true);
      vertex++;
      continue;
    }
    const pointsAt = base === 8 ? c + 40 : c + 44 + 4 * scan.parts;
    if (base === 8) {
      if (scan.points > 0) partStart[part++] = vertex;
    } else {
      for (let p = 0; p < scan.parts; p++) partStart[part++] = vertex + view.getInt32(c + 44 + 4 * p, true);
    }
    if (inPlace) {
      // Towards the start of the same buffer (copyWithin moves overlapping bytes correctly).
      bytes.copyWithin(vertex * 16, pointsAt, pointsAt + 16 * scan.points);
      vertex += scan.points;
    } else if (LITTLE_ENDIAN) {
      // The record's x, y pairs are little-endian doubles, as this platform's: one copy of bytes.
      coordBytes.set(bytes.subarray(pointsAt, pointsAt + 16 * scan.points), vertex * 16);
      vertex += scan.points;
    } else {
      for (let i = 0; i < scan.points; i++) {
        coords[vertex * 2] = view.getFloat64(pointsAt + 16 * i, true);
        coords[vertex * 2 + 1] = view.getFloat64(pointsAt + 16 * i + 8, true);
        vertex++;
      }
    }
  }
  recordPartStart[records] = part;
  partStart[part] = vertex;
  return { shapeType, records, recordStatus, recordPartStart, partStart, coords, problems, truncated };
}

/**
 * Record count according to a .shx (100-byte header + 8 bytes per record), or undefined when the
 * .shx is not a valid index. Only used to say "N of M records read"; the .shp itself is walked.
 */
export function readShxRecordCount(bytes: Uint8Array): number | undefined {
  if (bytes.length < 100) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, false) !== 9994) return undefined;
  const declared = view.getInt32(24, false) * 2;
  if (declared < 100 || (declared - 100) % 8 !== 0) return undefined;
  return Math.floor((Math.min(declared, bytes.length) - 100) / 8);
}
