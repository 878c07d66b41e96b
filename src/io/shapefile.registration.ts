import { AppError } from '../shared/errors';
import type { ShapefileFileFormat } from './format.registry';
import type { ImportedLayer } from './import.types';
import { extensionOf, groupShapefileParts, importShapefileLayer } from './shapefile.format';

/** Shapefile as a registry entry: zipped or loose .shp/.dbf/.shx/.prj/.cpg parts. */
export const shapefileFormat: ShapefileFileFormat = {
  id: 'shapefile',
  claims: (file) => ['shp', 'dbf', 'shx', 'prj', 'cpg'].includes(extensionOf(file.name)),
  async read(files, ctx) {
    const layers: ImportedLayer[] = [];
    for (const parts of groupShapefileParts(files)) {
      ctx.checkCancelled();
      try {
        const layer = await importShapefileLayer(parts, ctx);
        if (layer) layers.push(layer);
      } catch (e) {
        // A damaged .dbf header ends this layer, not the other layers of the zip.
        if (e instanceof AppError && e.code === 'import-failed') {
          ctx.notes.add({
            code: 'dbf-invalid',
            severity: 'error',
            message: e.message,
            file: parts.dbf?.name ?? parts.base,
            layer: parts.base,
          });
          continue;
        }
        throw e;
      }
    }
    return layers;
  },
};
