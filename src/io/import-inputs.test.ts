import { describe, expect, it } from 'vitest';
import { isSourceFile } from './import.types';
import { readImportInputs } from './import-files';

describe('import inputs', () => {
  it('reads picked files, also ones with a bytes() method as Chromium 132+ Files have, and keeps bytes in hand', async () => {
    const text = '{"type":"FeatureCollection","features":[]}';
    const picked = new File([text], 'a.geojson');
    // Chromium's File has Blob.prototype.bytes(): an input is bytes in hand only by its value.
    Object.defineProperty(picked, 'bytes', { value: async () => new TextEncoder().encode(text) });
    const inHand = { name: 'b.json', bytes: new Uint8Array([1, 2, 3]) };
    expect(isSourceFile(picked)).toBe(false);
    expect(isSourceFile(inHand)).toBe(true);
    const [a, b] = await readImportInputs([picked, inHand]);
    expect(a?.name).toBe('a.geojson');
    expect(a?.bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(a?.bytes)).toBe(text);
    expect(b).toBe(inHand);
  });
});
