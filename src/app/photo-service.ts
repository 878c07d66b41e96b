import type { PhotoService } from '../store/services';

const MAX_SIDE = 1600;
const QUALITY = 0.82;

/**
 * Resizes photos in the browser (phone cameras give 12+ MP; 1,600 px on the long side keeps a
 * readable site photo at ~150–300 KB) and re-encodes as JPEG, dropping EXIF.
 */
export function createPhotoService(): PhotoService {
  return {
    async resize(file, name) {
      const bitmap = await createImageBitmap(file);
      const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('No 2D canvas to resize the photo.');
      context.drawImage(bitmap, 0, 0, width, height);
      bitmap.close();
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
      return { blob, type: 'image/jpeg', width, height, name: name.replace(/\.[^.]+$/, '.jpg') };
    },
  };
}
