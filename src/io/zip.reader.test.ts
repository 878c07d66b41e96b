import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { importFiles } from './import-files';
import { loadFixtureDir, zipOf } from './testing/mini-shapefile';
import { deflatedCopy, inflateKept, readZipDirectory, readZipEntry, readZipEntryAsync } from './zip.reader';

const FIX = `${import.meta.dirname}/fixtures`;
const gk39 = (): Record<string, Uint8Array> =>
  Object.fromEntries(loadFixtureDir(`${FIX}/gk39_gbk`).map((f) => [f.name, f.bytes]));

async function expectError(promise: Promise<unknown>, code: string, text?: RegExp): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe(code);
    if (text) expect(err.message).toMatch(text);
    return err;
  }
  throw new Error('expected an AppError');
}

describe('zip reader', () => {
  it('keeps a deflated entry as it was zipped and gives its bytes back (the kept .dbf)', async () => {
    const text = new TextEncoder().encode('宗地 ZDDM 450300 '.repeat(4000));
    const zip = zipSync({ 'a/宗地.dbf': [text, { level: 6 }], 'stored.txt': [text, { level: 0 }] });
    const [deflatedEntry, storedEntry] = readZipDirectory(zip);
    const kept = deflatedCopy(zip, deflatedEntry!);
    // A Blob (stored by reference in IndexedDB) of the entry's compressed bytes alone.
    expect(kept).toBeInstanceOf(Blob);
    expect(kept!.size).toBe(deflatedEntry!.compressedSize);
    expect(kept!.size).toBeLessThan(text.length / 10);
    expect(await inflateKept({ deflated: kept!, size: text.length }, 'kept .dbf')).toEqual(text);
    expect(deflatedCopy(zip, storedEntry!)).toBeUndefined();
    // The zip changing afterwards (a reader reusing its buffer) changes nothing kept.
    zip.fill(0);
    expect(await inflateKept({ deflated: kept!, size: text.length }, 'kept .dbf')).toEqual(text);
    // As builds before the Blob kept them: the same bytes in an array.
    const asArray = new Uint8Array(await kept!.arrayBuffer());
    expect(await inflateKept({ deflated: asArray, size: text.length }, 'kept .dbf')).toEqual(text);
  });

  it('inflating kept bytes stops at their stated size and refuses a cut stream', async () => {
    const text = new TextEncoder().encode('x'.repeat(100_000));
    const zip = zipSync({ 'a.dbf': [text, { level: 6 }] });
    const kept = deflatedCopy(zip, readZipDirectory(zip)[0]!)!;
    await expect(inflateKept({ deflated: kept, size: 1000 }, 'kept .dbf')).rejects.toMatchObject({
      code: 'file-too-large',
    });
    await expect(
      inflateKept({ deflated: kept.slice(0, kept.size - 4), size: text.length }, 'kept .dbf'),
    ).rejects.toBeInstanceOf(AppError);
  });

  it('imports a zip with several layers in sub-folders and ignores __MACOSX', async () => {
    const parts = gk39();
    const entries: Record<string, Uint8Array> = {
      '__MACOSX/data/._宗地.shp': new Uint8Array([0, 5, 22, 7]),
      'readme.pdf': new Uint8Array(10),
    };
    for (const [name, bytes] of Object.entries(parts)) {
      entries[`data/a/${name}`] = bytes;
      entries[`data/b/${name.replace('宗地', 'YJJBNT')}`] = bytes;
    }
    const result = await importFiles([{ name: 'county.zip', bytes: zipOf(entries) }]);
    expect(result.layers.map((l) => l.name).sort()).toEqual(['YJJBNT', '宗地']);
    expect(result.layers.find((l) => l.name === 'YJJBNT')?.roleGuess).toBe('permanent-farmland');
    expect(result.layers.every((l) => l.features.length === 3)).toBe(true);
    expect(result.notes.some((n) => n.code === 'zip-entry-ignored' && n.message.includes('readme.pdf'))).toBe(
      true,
    );
  });

  it('A1: a truncated zip is file-incomplete (own EOCD check, no hang)', async () => {
    const zip = zipOf(gk39());
    for (const cut of [Math.floor(zip.length / 2), zip.length - 22, zip.length - 30]) {
      await expectError(
        importFiles([{ name: 'cut.zip', bytes: zip.subarray(0, cut) }]),
        'file-incomplete',
        /incomplete|cut short|damaged/,
      );
    }
  });

  it('A2: not a zip, empty file, zip without layers, only __MACOSX — one message each', async () => {
    await expectError(
      importFiles([{ name: 'x.zip', bytes: new TextEncoder().encode('hello world, not a zip') }]),
      'file-unsupported',
      /not a zip/,
    );
    await expectError(importFiles([{ name: 'x.zip', bytes: new Uint8Array(0) }]), 'file-incomplete', /empty/);
    await expectError(
      importFiles([{ name: 'x.zip', bytes: zipOf({ 'a.pdf': new Uint8Array(5) }) }]),
      'file-unsupported',
      /no shapefile/,
    );
    await expectError(
      importFiles([
        {
          name: 'mac.zip',
          bytes: zipOf({ '__MACOSX/._a.shp': new Uint8Array(5), '__MACOSX/x/._b.dbf': new Uint8Array(3) }),
        },
      ]),
      'file-unsupported',
      /__MACOSX/,
    );
    await expectError(
      importFiles([{ name: 'empty.zip', bytes: zipSync({}) }]),
      'file-unsupported',
      /empty zip/,
    );
    await expectError(importFiles([]), 'file-unsupported');
    await expectError(
      importFiles([{ name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff]) }]),
      'file-unsupported',
      /No file here/,
    );
  });

  it('A8: a zip bomb is refused by its declared size before inflating', async () => {
    // A real deflated entry whose central directory declares 1 GiB (as a 1 MB → 1 GiB bomb does).
    const zip = zipSync({ 'bomb.shp': new Uint8Array(1_000_000) }, { level: 1 });
    const view = new DataView(zip.buffer);
    let cd = zip.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    view.setUint32(view.getUint32(cd + 16, true) + 24, 1024 * 1024 * 1024, true);
    const err = await expectError(
      importFiles([{ name: 'bomb.zip', bytes: zip }]),
      'file-too-large',
      /more than 512 MB/,
    );
    expect(err.details.declared).toBe(1024 * 1024 * 1024);
  });

  it('A8: an archive that lies about its sizes is stopped by the running inflate counter', async () => {
    const zip = zipSync({ 'lie.shp': new Uint8Array(50_000_000) }, { level: 9 });
    // Rewrite the central directory's uncompressed size to 1,000 bytes.
    const view = new DataView(zip.buffer);
    let cd = zip.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    const cdOffset = view.getUint32(cd + 16, true);
    view.setUint32(cdOffset + 24, 1000, true);
    const entries = readZipDirectory(zip);
    const budget = { inflated: 0, limit: 512 * 1024 * 1024 };
    await expect(readZipEntryAsync(zip, entries[0]!, budget)).rejects.toThrow(
      /more than the 1000 bytes it declares/,
    );
    expect(budget.inflated).toBeGreaterThan(1000);
    // Stopped at the first output chunk past the declared size, not after inflating all 50 MB.
    expect(budget.inflated).toBeLessThan(17_000_000);
    const sync = { inflated: 0, limit: 512 * 1024 * 1024 };
    expect(() => readZipEntry(zip, entries[0]!, sync)).toThrow(/more than the 1000 bytes it declares/);
    expect(sync.inflated).toBeLessThan(17_000_000);
    const small = { inflated: 0, limit: 100_000 };
    const honest = zipSync({ 'a.shp': new Uint8Array(300_000) }, { level: 1 });
    await expect(readZipEntryAsync(honest, readZipDirectory(honest)[0]!, small)).rejects.toThrow(
      /import stopped/,
    );
    expect(small.inflated).toBeGreaterThan(100_000);
    expect(small.inflated).toBeLessThanOrEqual(300_000);
  });

  it('A9: thousands of entries hit the entry cap', async () => {
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 10_050; i++) entries[`junk/${i}.txt`] = new Uint8Array(0);
    await expectError(
      importFiles([{ name: 'many.zip', bytes: zipSync(entries, { level: 0 }) }]),
      'file-too-large',
      /10050 entries/,
    );
  });

  it('reads GBK entry names written without the UTF-8 flag', () => {
    const zip = zipSync({ 'ABCD.shp': new Uint8Array(10) }, { level: 0 });
    const view = new DataView(zip.buffer);
    let cd = zip.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    const central = view.getUint32(cd + 16, true);
    view.setUint16(central + 8, view.getUint16(central + 8, true) & ~0x800, true);
    zip.set([0xd7, 0xda, 0xb5, 0xd8], central + 46); // 宗地 in GBK
    expect(readZipDirectory(zip)[0]?.path).toBe('宗地.shp');
  });
});
