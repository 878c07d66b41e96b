import { readCompressedShp, type ShpAside, type ShpAsideRequest } from '../io/shp-aside';
import { type ErrorCode, toAppError } from '../shared/errors';

/**
 * An import session's .shp reader, started by the UI thread beside the import worker and ended
 * with it: inflates, reads and places (CRS, reprojection) a large zipped .shp on this thread while
 * the import worker inflates and decodes the layer's .dbf (ImportOptions.readShpAside). The UI
 * thread connects it to the import worker with a port (`ShpReaderConnect`), over which each request
 * comes with its own port for the answer. The flat arrays go back moved, not copied.
 */
export interface ShpReaderConnect {
  connect: MessagePort;
}
export interface ShpRequest extends ShpAsideRequest {
  reply: MessagePort;
}
export type ShpAnswer = { aside: ShpAside } | { error: { code: ErrorCode; message: string } };

async function answer({ data }: MessageEvent<ShpRequest>): Promise<void> {
  const { reply, ...request } = data;
  try {
    const aside = await readCompressedShp(request);
    const { shp } = aside;
    const buffers = new Set<ArrayBufferLike>(
      [shp.coords, shp.recordStatus, shp.recordPartStart, shp.partStart].map((a) => a.buffer),
    );
    reply.postMessage({ aside } satisfies ShpAnswer, [...buffers] as ArrayBuffer[]);
  } catch (error) {
    const { code, message } = toAppError(error, 'import-failed');
    reply.postMessage({ error: { code, message } } satisfies ShpAnswer);
  }
  reply.close();
}

self.onmessage = ({ data }: MessageEvent<ShpReaderConnect>) => {
  data.connect.onmessage = answer;
};
