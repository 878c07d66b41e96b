import type { Locale } from '../domain/labels';
import { fillTemplate } from '../domain/labels';
import { useAppStore } from './use-app-store';

/** UI chrome strings (domain terms live in domain/labels.ts). */
const zhCN = {
  appName: 'Landstock 存量土地盘活',
  appTagline: '存量土地调查、核查与处置',
  language: 'English',
  languageTitle: 'Switch to English',
  layers: '图层',
  legend: '图例',
  opacity: '透明度',
  show: '显示',
  parcels: '宗地',
  parcelCount: '共 {count} 宗',
  totalArea: '合计 {mu} 亩',
  loading: '正在加载…',
  loadingDemo: '首次启动：正在载入示例县数据…',
  resetting: '正在重置示例数据…',
  bootFailed: '无法打开本地数据库',
  bootFailedHelp: '浏览器的本地存储 (IndexedDB) 不可用。请关闭隐私/无痕模式，或检查浏览器设置后刷新页面。',
  reload: '刷新页面',
  settings: '设置',
  close: '关闭',
  resetDemo: '重置示例数据',
  resetConfirm: '重置会删除本浏览器中的所有图层与修改记录，并重新载入示例县数据。确定继续？',
  basemap: '在线底图（可选）',
  basemapHelp: 'XYZ 栅格瓦片地址（Web 墨卡托），如天地图 _w 服务并附上您自己的 tk。留空则使用离线底图。',
  basemapSave: '保存底图',
  inspectorName: '巡查员姓名',
  save: '保存',
  inspector: '宗地详情',
  noSelection: '点击地图上的宗地查看详情',
  area: '面积',
  areaUnitToggle: '切换面积单位',
  attributes: '原始属性',
  ourFields: '存量信息',
  unitMu: '亩',
  unitM2: '平方米',
  unitHa: '公顷',
  dismiss: '关闭提示',
  'basemap-failed': '在线底图加载失败，已切换为离线底图。',
  'map-error': '地图出错：{text}',
  'storage-full': '浏览器存储空间已满：本次修改未保存，已保存的数据不受影响。请导出备份并清理空间。',
  'storage-version-changed': 'Landstock 已在另一个标签页中升级。请刷新本页后继续（未保存的输入已保留）。',
  'storage-unavailable': '浏览器存储不可用：数据将无法保存。',
  internal: '出错了：{text}',
  validation: '{text}',
  'not-found': '{text}',
  errorBoundary: '界面出错了。您的数据保存在本机浏览器中，不会丢失。',
  mapLoading: '地图加载中…',
  'tab-details': '详情',
  'tab-edit': '编辑',
  'tab-history': '历史',
  suggestion: '规则建议',
  undecided: '无法判定',
  accept: '采纳建议',
  agrees: '与当前认定一致',
  acceptedSuggestion: '采纳规则建议',
  noHistory: '暂无修改记录',
  undo: '撤销',
  redo: '重做',
  reasonIs: '原因：{reason}',
  yes: '是',
  no: '否',
  reason: '修改原因',
  cancel: '取消',
  overrideNeedsReason: '与规则建议不同的认定需要填写原因。',
  statusNeedsReason: '此状态变更需要填写原因。',
  transitionNotAllowed: '不允许这样变更状态。',
  overrideHint: '规则建议为「{suggested}」：若坚持当前认定，请说明原因。',
  'transition-not-allowed': '不允许的状态变更：{text}',
  bulk: '批量处理',
  rerunRules: '重新运行规则',
  region: '地区标准',
} as const;

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  appName: 'Landstock stock-land inventory',
  appTagline: 'Find, check and dispose of stock land',
  language: '中文',
  languageTitle: '切换到中文',
  layers: 'Layers',
  legend: 'Legend',
  opacity: 'Opacity',
  show: 'Show',
  parcels: 'Parcels',
  parcelCount: '{count} parcels',
  totalArea: 'Total {mu} mu',
  loading: 'Loading…',
  loadingDemo: 'First start: loading the demo county…',
  resetting: 'Resetting the demo data…',
  bootFailed: 'The local database cannot be opened',
  bootFailedHelp:
    'Browser storage (IndexedDB) is unavailable. Leave private mode or check the browser settings, then reload.',
  reload: 'Reload',
  settings: 'Settings',
  close: 'Close',
  resetDemo: 'Reset demo data',
  resetConfirm:
    'Reset deletes every layer and change in this browser and loads the demo county again. Continue?',
  basemap: 'Online basemap (optional)',
  basemapHelp:
    'XYZ raster tile URL (Web Mercator), e.g. Tianditu _w tiles with your own key. Empty: the offline basemap.',
  basemapSave: 'Save basemap',
  inspectorName: 'Inspector name',
  save: 'Save',
  inspector: 'Parcel',
  noSelection: 'Click a parcel on the map to see it here',
  area: 'Area',
  areaUnitToggle: 'Switch the area unit',
  attributes: 'Imported attributes',
  ourFields: 'Stock-land record',
  unitMu: 'mu',
  unitM2: 'm²',
  unitHa: 'ha',
  dismiss: 'Dismiss',
  'basemap-failed': 'The online basemap failed to load; the offline basemap is used.',
  'map-error': 'Map error: {text}',
  'storage-full':
    'Browser storage is full: this change was not saved; saved data is intact. Export a backup and free space.',
  'storage-version-changed':
    'Landstock was upgraded in another tab. Reload this page to continue (unsaved input is kept).',
  'storage-unavailable': 'Browser storage is unavailable: nothing can be saved.',
  internal: 'Something went wrong: {text}',
  validation: '{text}',
  'not-found': '{text}',
  errorBoundary: 'The interface failed. Your data is kept in this browser and is not lost.',
  mapLoading: 'Loading the map…',
  'tab-details': 'Details',
  'tab-edit': 'Edit',
  'tab-history': 'History',
  suggestion: 'Rules suggest',
  undecided: 'Cannot decide',
  accept: 'Accept',
  agrees: 'agrees with the current tag',
  acceptedSuggestion: 'Accepted the rules’ suggestion',
  noHistory: 'No changes yet',
  undo: 'Undo',
  redo: 'Redo',
  reasonIs: 'Reason: {reason}',
  yes: 'Yes',
  no: 'No',
  reason: 'Reason for the change',
  cancel: 'Cancel',
  overrideNeedsReason: 'A tag that differs from the rules’ suggestion needs a reason.',
  statusNeedsReason: 'This status change needs a reason.',
  transitionNotAllowed: 'This status change is not allowed.',
  overrideHint: 'The rules suggest “{suggested}”: say why you keep a different tag.',
  'transition-not-allowed': 'Status change not allowed: {text}',
  bulk: 'Bulk actions',
  rerunRules: 'Re-run rules',
  region: 'Regional standards',
};

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** Translates a message key (or an error code that has a message) for a locale. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template =
    (catalogues[locale] as Record<string, string>)[key] ??
    (catalogues.en as Record<string, string>)[key] ??
    key;
  return fillTemplate(template, params);
}

/** The translate function for the current locale. */
export function useT(): (key: MessageKey | string, params?: Record<string, string | number>) => string {
  const locale = useAppStore((s) => s.locale);
  return (key, params) => translate(locale, key, params);
}
