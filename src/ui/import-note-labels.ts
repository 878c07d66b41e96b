import type { Locale } from '../domain/labels';
import type { ImportNoteCode } from '../store/import-slice';

/**
 * What each import-report note is about, in the UI's languages. The report line shows this label,
 * then the importer's detailed message (file names, encodings, CRS, counts). A code without a
 * label here does not compile.
 */
export const IMPORT_NOTE_LABELS: Readonly<Record<ImportNoteCode, Readonly<Record<Locale, string>>>> = {
  'empty-geometry': { 'zh-CN': '几何为空', en: 'Empty geometry' },
  'coordinate-not-finite': { 'zh-CN': '坐标不是有效数字', en: 'Coordinates not numbers' },
  'coordinate-out-of-range': {
    'zh-CN': '坐标超出经纬度范围（坐标系可能不对）',
    en: 'Coordinates out of range',
  },
  'ring-unclosed': { 'zh-CN': '环未闭合', en: 'Unclosed ring' },
  'duplicate-vertices': { 'zh-CN': '连续重复点', en: 'Repeated points' },
  'ring-too-short': { 'zh-CN': '环的点数不足', en: 'Ring too short' },
  'ring-zero-area': { 'zh-CN': '环面积为零', en: 'Zero-area ring' },
  'shell-winding': { 'zh-CN': '外环方向', en: 'Outer ring direction' },
  'hole-winding': { 'zh-CN': '内环方向', en: 'Hole direction' },
  'hole-outside-shell': { 'zh-CN': '内环在外环之外，请核查', en: 'Hole outside its ring' },
  'self-intersection': { 'zh-CN': '边界自相交，请在源数据中修正', en: 'Self-intersecting boundary' },
  'encoding-used': { 'zh-CN': '属性文字编码', en: 'Text encoding' },
  'encoding-mismatch': { 'zh-CN': '编码声明与内容不符', en: 'Encoding mismatch' },
  'crs-used': { 'zh-CN': '坐标系', en: 'Coordinate system' },
  'crs-assumed': { 'zh-CN': '坐标系为假定，请确认', en: 'Coordinate system assumed' },
  'crs-guessed': { 'zh-CN': '坐标系为推测，请确认', en: 'Coordinate system guessed' },
  'crs-prefix-removed': { 'zh-CN': '东坐标带号', en: 'Zone prefix' },
  'crs-prefix-added': { 'zh-CN': '东坐标带号', en: 'Zone prefix' },
  'crs-zone-mismatch': { 'zh-CN': '带号与坐标系不一致', en: 'Zone mismatch' },
  'crs-axes-swapped': { 'zh-CN': '坐标 X/Y 顺序', en: 'Axis order' },
  'crs-unknown': { 'zh-CN': '无法识别的坐标系，请指定', en: 'Unknown coordinate system' },
  'crs-needs-datum': { 'zh-CN': '西安 1980 / 北京 1954 需要转换参数', en: 'Datum parameters needed' },
  'crs-outside-china': { 'zh-CN': '坐标不在中国范围内，请检查坐标系', en: 'Outside China' },
  'zip-entry-ignored': { 'zh-CN': '压缩包中未使用的文件', en: 'Zip entry not used' },
  'zip-entry-name-undecodable': { 'zh-CN': '压缩包内文件名无法解码', en: 'Zip entry name' },
  'shp-truncated': { 'zh-CN': '.shp 文件不完整', en: '.shp cut short' },
  'shp-header-length-mismatch': { 'zh-CN': '.shp 文件头长度不符', en: '.shp header length' },
  'shp-record-invalid': { 'zh-CN': '.shp 记录损坏', en: '.shp record damaged' },
  'shp-empty': { 'zh-CN': '.shp 中没有要素', en: 'Empty .shp' },
  'shx-missing': { 'zh-CN': '缺少 .shx 文件', en: '.shx missing' },
  'shx-invalid': { 'zh-CN': '.shx 文件损坏', en: '.shx damaged' },
  'dbf-missing': { 'zh-CN': '缺少 .dbf 属性文件', en: '.dbf missing' },
  'dbf-invalid': { 'zh-CN': '.dbf 属性文件损坏', en: '.dbf damaged' },
  'dbf-record-count-clamped': { 'zh-CN': '.dbf 记录数与文件大小不符', en: '.dbf record count' },
  'dbf-record-length-mismatch': { 'zh-CN': '.dbf 记录长度与字段不符', en: '.dbf record length' },
  'dbf-truncated': { 'zh-CN': '.dbf 文件不完整', en: '.dbf cut short' },
  'count-mismatch': { 'zh-CN': '.shp 与 .dbf 记录数不一致', en: 'Record counts differ' },
  'geometry-null': { 'zh-CN': '要素没有几何', en: 'No geometry' },
  'geometry-zm-dropped': { 'zh-CN': 'Z/M 值', en: 'Z/M values' },
  'geometry-unsupported-type': { 'zh-CN': '不支持的几何类型', en: 'Unsupported geometry' },
  'geometry-not-polygon': { 'zh-CN': '非面要素', en: 'Not a polygon' },
  'geometry-extra-dimensions': { 'zh-CN': '坐标维数', en: 'Extra dimensions' },
  'geometry-string-numbers': { 'zh-CN': '文本形式的坐标', en: 'Coordinates as text' },
  'geojson-nested-collection': { 'zh-CN': '嵌套的几何集合', en: 'Nested collection' },
  'geojson-unknown-type': { 'zh-CN': '无法识别的 GeoJSON 类型', en: 'Unknown GeoJSON type' },
  'geojson-missing-properties': { 'zh-CN': '要素缺少属性', en: 'No properties' },
  'geojson-crs-member': { 'zh-CN': 'GeoJSON 坐标系声明', en: 'GeoJSON crs member' },
  'text-line-invalid': { 'zh-CN': '坐标文本中无法识别的行', en: 'Unreadable line' },
  'text-parcel-invalid': { 'zh-CN': '坐标文本中的地块无效', en: 'Invalid parcel in text' },
  'text-header-value': { 'zh-CN': '坐标文本文件头', en: 'Text file header' },
  'layer-empty': { 'zh-CN': '图层中没有可导入的要素', en: 'Empty layer' },
  'part-missing': { 'zh-CN': '缺少组成文件', en: 'Part missing' },
  'geometry-type-refused': { 'zh-CN': '此用途不接受该几何类型', en: 'Geometry type refused' },
  'area-invalid': { 'zh-CN': '无法计算面积，未导入', en: 'No measurable area' },
};

/** The label of a note's code (a code from a newer importer falls back to nothing). */
export function importNoteLabel(locale: Locale, code: string): string | undefined {
  return (IMPORT_NOTE_LABELS as Record<string, Record<Locale, string> | undefined>)[code]?.[locale];
}
