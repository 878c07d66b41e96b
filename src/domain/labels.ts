import type { DisposalMethod } from './disposal';
import type {
  Category,
  IdleCause,
  InefficientType,
  LayerRole,
  OverlayVerdict,
  ParcelFacts,
  ParkLevel,
  PatrolFinding,
  PatrolStage,
  RuralStockType,
  Status,
} from './parcel';

/**
 * The one labels file for domain terms (categories, statuses, methods, fields, rule reasons,
 * validation messages), in zh-CN and en. UI chrome strings live with the UI. Every group is keyed by
 * the stable codes of the domain, so a new code without a label fails to compile.
 *
 * Message templates use `{name}` placeholders filled by `fillTemplate`.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Record-level fields beside the facts (for inline errors, history and table headers). */
export type RecordField =
  | 'category'
  | 'subType'
  | 'status'
  | 'idleCause'
  | 'disposalMethod'
  | 'disposalDate'
  | 'notes'
  | 'areaM2'
  | 'updatedAt'
  | 'updatedBy'
  | 'geometry'
  | 'created'
  | 'deleted'
  | 'restored'
  | 'split'
  | 'merged';

/** Codes of rule reasons; see rules/reason.ts for the parameters each one carries. */
export type ReasonCode =
  | 'approved-not-expropriated'
  | 'approval-lapsed'
  | 'approved-not-supplied'
  | 'partly-supplied'
  | 'supplied-not-used'
  | 'idle-not-started'
  | 'developed-share-low'
  | 'investment-share-low'
  | 'development-sufficient'
  | 'idle-stopped'
  | 'stopped-not-yet-idle'
  | 'idle-fee'
  | 'idle-free-recovery'
  | 'idle-court-seized'
  | 'idle-government'
  | 'idle-cause-unknown'
  | 'far-below-minimum'
  | 'admin-share-exceeded'
  | 'project-too-large'
  | 'inefficient-declared'
  | 'rural-stock'
  | 'leftover-plot'
  | 'leftover-too-large'
  | 'under-construction'
  | 'completed'
  | 'not-stock';

/** Codes of field validation errors; see validation.ts. */
export type ValidationCode =
  | 'not-a-date'
  | 'not-a-number'
  | 'negative'
  | 'date-before'
  | 'date-after'
  | 'exceeds'
  | 'out-of-range'
  | 'not-an-integer'
  | 'unknown-code'
  | 'disposal-not-allowed';

/** Codes of refused status transitions; see lifecycle.ts. */
export type TransitionErrorCode = 'no-change' | 'not-allowed' | 'reason-required';

/** Every label group and the codes it is keyed by. */
export interface LabelGroups {
  category: Record<Category, string>;
  status: Record<Status, string>;
  idleCause: Record<IdleCause, string>;
  parkLevel: Record<ParkLevel, string>;
  layerRole: Record<LayerRole, string>;
  disposalMethod: Record<DisposalMethod, string>;
  inefficientType: Record<InefficientType, string>;
  ruralStockType: Record<RuralStockType, string>;
  patrolStage: Record<PatrolStage, string>;
  patrolFinding: Record<PatrolFinding, string>;
  overlayVerdict: Record<OverlayVerdict, string>;
  factField: Record<keyof ParcelFacts, string>;
  recordField: Record<RecordField, string>;
  reason: Record<ReasonCode, string>;
  validation: Record<ValidationCode, string>;
  transitionError: Record<TransitionErrorCode, string>;
  message: Record<'undecided' | 'listSeparator' | 'unknownValue', string>;
}
export type LabelGroup = keyof LabelGroups;

const zhCN: LabelGroups = {
  category: {
    'approved-not-expropriated': '批而未征',
    'approved-not-supplied': '批而未供',
    'supplied-not-used': '供而未用',
    idle: '闲置土地',
    inefficient: '低效用地',
    'rural-stock': '农村存量建设用地',
    leftover: '零星用地',
    'not-stock': '非存量土地',
    unclassified: '未分类',
  },
  status: {
    'to-verify': '待核实',
    confirmed: '已认定',
    disposing: '处置中',
    disposed: '已处置',
    revoked: '已撤销',
  },
  idleCause: { enterprise: '企业原因', government: '政府原因' },
  parkLevel: { national: '国家级园区', provincial: '省级园区', none: '非园区' },
  layerRole: {
    parcels: '地块',
    'development-boundary': '城镇开发边界',
    'permanent-farmland': '永久基本农田',
    'ecological-redline': '生态保护红线',
    park: '开发区/园区',
    reference: '参考图层',
  },
  disposalMethod: {
    'implement-expropriation': '实施征收',
    'withdraw-approval': '撤回批文',
    'supply-transfer': '出让',
    'supply-allocation': '划拨',
    'supply-lease': '租赁',
    'convert-use': '转换用途',
    upgrade: '升级',
    'urge-start': '督促动工',
    'extend-start': '延长动工期限',
    'adjust-use-or-planning': '调整用途或规划条件',
    'land-swap': '协议置换',
    'negotiated-paid-recovery': '协商有偿收回',
    'free-recovery': '依法无偿收回',
    'temporary-use': '临时使用',
    'land-reserve': '纳入储备',
    'recover-reserve': '收回收储',
    'transform-upgrade': '转型升级',
    'joint-development': '合作开发',
    'self-development': '自行开发',
    'split-transfer': '分割转让',
    'equity-contribution': '作价入股',
    'judicial-restructuring': '司法重整',
    'adjust-planning': '调整规划',
    'advance-notice-transfer': '预告转让',
    'asset-restructuring': '资产重组',
    'collective-market-entry': '集体经营性建设用地入市',
    'homestead-paid-exit': '宅基地有偿退出',
    'land-consolidation': '增减挂钩/土地综合整治',
    'rural-industry-use': '盘活用于乡村产业',
    'agreement-transfer': '协议出让（整体成片开发）',
  },
  inefficientType: {
    'prohibited-industry': '禁止类、淘汰类产业',
    'safety-environment': '不符合安全生产和环保要求',
    'urban-renewal': '旧城镇、旧厂矿、城中村',
    'zombie-enterprise': '僵尸企业',
    'below-indicators': '指标不达标',
    other: '其他',
  },
  ruralStockType: {
    'collective-business': '闲置集体经营性建设用地',
    homestead: '闲置宅基地',
    'hollow-village': '空心村',
    'village-facility': '闲置村集体企业、学校及公共服务设施用地',
  },
  patrolStage: {
    handover: '交地',
    started: '开工',
    construction: '建设',
    completed: '竣工',
    accepted: '验收',
    'not-started': '未动工',
    stopped: '停工',
  },
  patrolFinding: { normal: '正常', warning: '预警', breach: '违约', violation: '违法' },
  overlayVerdict: {
    ok: '合规',
    conflict: '冲突',
    'boundary-error': '边界误差',
    outside: '超出边界',
    failed: '计算失败',
    inside: '园区内',
    partial: '部分在园区内',
  },
  factField: {
    code: '宗地代码',
    owner: '权利人',
    location: '坐落',
    township: '乡镇',
    landUse: '用途',
    landUseCode: '地类编码',
    approvalNumber: '批准文号',
    approvalDate: '批准日期',
    expropriationDate: '征收实施日期',
    supplyDate: '供地日期',
    agreedStartDate: '约定动工日期',
    actualStartDate: '实际动工日期',
    completionDate: '竣工日期',
    stopDate: '停工日期',
    declaredAreaM2: '原始面积',
    approvedAreaM2: '批准面积',
    suppliedAreaM2: '已供面积',
    totalInvestment: '总投资',
    investedAmount: '已投资',
    developedAreaM2: '已开发面积',
    floorAreaRatio: '容积率',
    floors: '建筑层数',
    adminFacilityAreaM2: '行政办公及生活服务设施用地面积',
    parkLevel: '园区级别',
    industrial: '工业项目',
    inefficientReason: '低效原因',
    rural: '农村集体建设用地',
    ruralStockType: '农村存量类型',
    leftoverPlot: '边角地、夹心地、插花地',
    keyProject: '重点项目',
    courtSeized: '司法查封',
  },
  recordField: {
    category: '存量类型',
    subType: '子类型',
    status: '状态',
    idleCause: '闲置原因',
    disposalMethod: '处置方式',
    disposalDate: '处置日期',
    notes: '备注',
    areaM2: '面积',
    updatedAt: '修改时间',
    updatedBy: '修改人',
    geometry: '图形',
    created: '新建',
    deleted: '删除',
    restored: '恢复',
    split: '分割',
    merged: '合并',
  },
  reason: {
    'approved-not-expropriated': '{approvalDate} 已批准，尚未实施征收 → 批而未征',
    'approval-lapsed': '批准满 {years} 年未实施征收 → 批准文件失效',
    'approved-not-supplied': '{approvalDate} 已批准，尚未供地 → 批而未供 {remainderMu} 亩',
    'partly-supplied': '批准面积 {approvedMu} 亩 − 已供面积 {suppliedMu} 亩 → 批而未供 {remainderMu} 亩',
    'supplied-not-used': '约定动工日期 {agreedStartDate} 起未超过 {years} 年，尚未动工 → 供而未用',
    'idle-not-started': '约定动工日期 {agreedStartDate} 已满 {years} 年未动工 → 闲置土地',
    'developed-share-low': '已开发面积占比 {developedShare} < {threshold}',
    'investment-share-low': '已投资额占比 {investmentShare} < {threshold}',
    'development-sufficient': '已开发面积和已投资额均达到闲置认定标准以上 → 不构成闲置',
    'idle-stopped': '停工日期 {stopDate} 起中止开发建设满 {years} 年 → 闲置土地',
    'stopped-not-yet-idle': '停工日期 {stopDate} 起中止开发建设未满 {years} 年 → 尚不构成闲置',
    'idle-fee': '企业原因闲置满 {years} 年 → 征缴土地闲置费（土地价款的 {feeShare}）',
    'idle-free-recovery': '企业原因闲置满 {years} 年 → 可依法无偿收回',
    'idle-court-seized': '已被司法查封 → 须与司法机关协商更换查封标的物后方可无偿收回',
    'idle-government': '政府原因闲置 → 可延长动工期限、调整用途或规划条件、临时使用、协议有偿收回、置换土地',
    'idle-cause-unknown': '闲置原因未定 → 无法确定处置方式',
    'far-below-minimum': '容积率 {value} < {minimum} ({parkLevel}) → 低效用地指标不达标',
    'admin-share-exceeded': '行政办公及生活服务设施用地占比 {adminShare} > {maximum} → 低效用地指标不达标',
    'project-too-large': '项目用地 {mu} 亩 {operator} {maximumMu} 亩',
    'inefficient-declared': '低效原因：{inefficientType} → 低效用地',
    'rural-stock': '{ruralStockType} → 农村存量建设用地',
    'leftover-plot': '边角地、夹心地、插花地，面积 {mu} 亩 ≤ {maximumMu} 亩 → 零星用地',
    'leftover-too-large': '标为零星用地，但面积 {mu} 亩 > {maximumMu} 亩 → 不按零星用地认定',
    'under-construction': '{actualStartDate} 已动工，正在建设',
    completed: '{completionDate} 已竣工',
    'not-stock': '未发现存量土地情形 → 非存量土地',
  },
  validation: {
    'not-a-date': '{field}不是有效日期（YYYY-MM-DD）',
    'not-a-number': '{field}不是有效数字',
    negative: '{field}不能为负数',
    'date-before': '{field}不能早于{other}（{otherValue}）',
    'date-after': '{field}不能晚于{other}（{otherValue}）',
    exceeds: '{field}不能超过{other}（{otherValue}）',
    'out-of-range': '{field}应在 {minimum}–{maximum} 之间',
    'not-an-integer': '{field}应为整数',
    'unknown-code': '{field}的取值“{value}”无法识别',
    'disposal-not-allowed': '处置方式“{value}”不适用于{category}',
  },
  transitionError: {
    'no-change': '状态未改变',
    'not-allowed': '不能从“{from}”改为“{to}”',
    'reason-required': '从“{from}”改回“{to}”须填写原因',
  },
  message: { undecided: '无法判定：缺少 {fields}', listSeparator: '、', unknownValue: '（未知）' },
};

const en: LabelGroups = {
  category: {
    'approved-not-expropriated': 'Approved, not expropriated',
    'approved-not-supplied': 'Approved, not supplied',
    'supplied-not-used': 'Supplied, not used',
    idle: 'Idle land',
    inefficient: 'Inefficient land',
    'rural-stock': 'Rural stock construction land',
    leftover: 'Leftover plot',
    'not-stock': 'Not stock land',
    unclassified: 'Unclassified',
  },
  status: {
    'to-verify': 'To verify',
    confirmed: 'Confirmed',
    disposing: 'Being disposed',
    disposed: 'Disposed',
    revoked: 'Revoked',
  },
  idleCause: { enterprise: 'Land user', government: 'Government' },
  parkLevel: { national: 'national park', provincial: 'provincial park', none: 'outside parks' },
  layerRole: {
    parcels: 'Parcels',
    'development-boundary': 'Urban development boundary',
    'permanent-farmland': 'Permanent basic farmland',
    'ecological-redline': 'Ecological protection red line',
    park: 'Development zone / park',
    reference: 'Reference',
  },
  disposalMethod: {
    'implement-expropriation': 'Carry out expropriation',
    'withdraw-approval': 'Withdraw approval',
    'supply-transfer': 'Supply by transfer (出让)',
    'supply-allocation': 'Supply by allocation (划拨)',
    'supply-lease': 'Supply by lease',
    'convert-use': 'Convert use',
    upgrade: 'Upgrade',
    'urge-start': 'Urge start of construction',
    'extend-start': 'Extend start deadline',
    'adjust-use-or-planning': 'Adjust use or planning conditions',
    'land-swap': 'Land swap by agreement',
    'negotiated-paid-recovery': 'Negotiated paid recovery',
    'free-recovery': 'Recovery without compensation',
    'temporary-use': 'Temporary use',
    'land-reserve': 'Take into land reserve',
    'recover-reserve': 'Recover into reserve',
    'transform-upgrade': 'Transform and upgrade',
    'joint-development': 'Joint development',
    'self-development': 'Redevelopment by the owner',
    'split-transfer': 'Split and transfer',
    'equity-contribution': 'Contribute as equity',
    'judicial-restructuring': 'Judicial restructuring',
    'adjust-planning': 'Adjust planning',
    'advance-notice-transfer': 'Transfer with advance-notice registration',
    'asset-restructuring': 'Asset restructuring',
    'collective-market-entry': 'Collective business land to market',
    'homestead-paid-exit': 'Paid exit of homestead',
    'land-consolidation': 'Land consolidation (增减挂钩)',
    'rural-industry-use': 'Reuse for rural industry',
    'agreement-transfer': 'Transfer by agreement (consolidated development)',
  },
  inefficientType: {
    'prohibited-industry': 'Prohibited or obsolete industry',
    'safety-environment': 'Fails safety or environmental rules',
    'urban-renewal': 'Old town, old factory or urban village',
    'zombie-enterprise': 'Zombie enterprise',
    'below-indicators': 'Indicators below standard',
    other: 'Other',
  },
  ruralStockType: {
    'collective-business': 'Idle collective business land',
    homestead: 'Idle homestead',
    'hollow-village': 'Hollow village',
    'village-facility': 'Idle village enterprise, school or facility land',
  },
  patrolStage: {
    handover: 'Handed over',
    started: 'Started',
    construction: 'Under construction',
    completed: 'Completed',
    accepted: 'Accepted',
    'not-started': 'Not started',
    stopped: 'Stopped',
  },
  patrolFinding: {
    normal: 'Normal',
    warning: 'Warning',
    breach: 'Breach of contract',
    violation: 'Violation of law',
  },
  overlayVerdict: {
    ok: 'Compliant',
    conflict: 'Conflict',
    'boundary-error': 'Boundary error',
    outside: 'Outside boundary',
    failed: 'Computation failed',
    inside: 'Inside park',
    partial: 'Partly inside park',
  },
  factField: {
    code: 'Parcel code',
    owner: 'Right holder',
    location: 'Location',
    township: 'Township',
    landUse: 'Land use',
    landUseCode: 'Land-use code',
    approvalNumber: 'Approval number',
    approvalDate: 'approval date',
    expropriationDate: 'expropriation date',
    supplyDate: 'supply date',
    agreedStartDate: 'agreed start date',
    actualStartDate: 'actual start date',
    completionDate: 'completion date',
    stopDate: 'stop date',
    declaredAreaM2: 'declared area',
    approvedAreaM2: 'approved area',
    suppliedAreaM2: 'supplied area',
    totalInvestment: 'total investment',
    investedAmount: 'invested amount',
    developedAreaM2: 'developed area',
    floorAreaRatio: 'floor-area ratio',
    floors: 'storeys',
    adminFacilityAreaM2: 'admin and living facility area',
    parkLevel: 'park level',
    industrial: 'industrial project',
    inefficientReason: 'inefficiency reason',
    rural: 'rural collective land',
    ruralStockType: 'rural stock type',
    leftoverPlot: 'leftover plot',
    keyProject: 'key project',
    courtSeized: 'court seizure',
  },
  recordField: {
    category: 'Category',
    subType: 'Sub-type',
    status: 'Status',
    idleCause: 'Idle cause',
    disposalMethod: 'Disposal method',
    disposalDate: 'Disposal date',
    notes: 'Notes',
    areaM2: 'Area',
    updatedAt: 'Changed at',
    updatedBy: 'Changed by',
    geometry: 'Shape',
    created: 'Created',
    deleted: 'Deleted',
    restored: 'Restored',
    split: 'Split',
    merged: 'Merged',
  },
  reason: {
    'approved-not-expropriated': 'Approved {approvalDate}, not expropriated → approved, not expropriated',
    'approval-lapsed': 'Approved {years} years ago without expropriation → approval lapsed',
    'approved-not-supplied':
      'Approved {approvalDate}, not supplied → approved, not supplied {remainderMu} mu',
    'partly-supplied':
      'Approved {approvedMu} mu − supplied {suppliedMu} mu → approved, not supplied {remainderMu} mu',
    'supplied-not-used':
      'Not started, agreed start date {agreedStartDate} not yet {years} year(s) past → supplied, not used',
    'idle-not-started':
      'Not started more than {years} year(s) after agreed start date {agreedStartDate} → idle land',
    'developed-share-low': 'Developed area share {developedShare} < {threshold}',
    'investment-share-low': 'Invested share {investmentShare} < {threshold}',
    'development-sufficient': 'Developed area and investment both reach the idle thresholds → not idle',
    'idle-stopped': 'Construction stopped since {stopDate} for {years} year(s) → idle land',
    'stopped-not-yet-idle': 'Construction stopped since {stopDate}, less than {years} year(s) → not idle yet',
    'idle-fee': 'Idle by the land user for {years} year(s) → idle-land fee ({feeShare} of the land price)',
    'idle-free-recovery': 'Idle by the land user for {years} years → may be recovered without compensation',
    'idle-court-seized': 'Seized by a court → recovery only after the court agrees to swap the seized asset',
    'idle-government':
      'Idle for government reasons → extend the start date, adjust use or planning, temporary use, negotiated paid recovery, land swap',
    'idle-cause-unknown': 'Idle cause not set → disposal cannot be chosen',
    'far-below-minimum':
      'Floor-area ratio {value} < {minimum} ({parkLevel}) → inefficient land, indicator failed',
    'admin-share-exceeded':
      'Admin and living facilities {adminShare} of the land > {maximum} → inefficient land, indicator failed',
    'project-too-large': 'Project land {mu} mu {operator} {maximumMu} mu',
    'inefficient-declared': 'Inefficiency reason: {inefficientType} → inefficient land',
    'rural-stock': '{ruralStockType} → rural stock construction land',
    'leftover-plot': 'Leftover plot of {mu} mu ≤ {maximumMu} mu → leftover plot',
    'leftover-too-large': 'Marked as leftover plot but {mu} mu > {maximumMu} mu → not treated as leftover',
    'under-construction': 'Started {actualStartDate}, under construction',
    completed: 'Completed {completionDate}',
    'not-stock': 'No stock-land condition found → not stock land',
  },
  validation: {
    'not-a-date': '{field} is not a valid date (YYYY-MM-DD)',
    'not-a-number': '{field} is not a valid number',
    negative: '{field} cannot be negative',
    'date-before': '{field} cannot be before {other} ({otherValue})',
    'date-after': '{field} cannot be after {other} ({otherValue})',
    exceeds: '{field} cannot exceed {other} ({otherValue})',
    'out-of-range': '{field} must be between {minimum} and {maximum}',
    'not-an-integer': '{field} must be a whole number',
    'unknown-code': '{field}: value "{value}" is not recognised',
    'disposal-not-allowed': 'Disposal method "{value}" does not apply to {category}',
  },
  transitionError: {
    'no-change': 'The status is unchanged',
    'not-allowed': 'Cannot change status from "{from}" to "{to}"',
    'reason-required': 'Changing back from "{from}" to "{to}" needs a reason',
  },
  message: { undecided: 'cannot decide: needs {fields}', listSeparator: ', ', unknownValue: '(unknown)' },
};

/** All labels, by locale then group then code. */
export const labels: Readonly<Record<Locale, LabelGroups>> = { 'zh-CN': zhCN, en };

/** The label of one code; falls back to the code itself for unknown codes from old or imported data. */
export function label<G extends LabelGroup>(
  locale: Locale,
  group: G,
  code: keyof LabelGroups[G] | string,
): string {
  const table = labels[locale][group] as Readonly<Record<string, string>>;
  return table[code as string] ?? String(code);
}

/** Fills `{name}` placeholders; a missing parameter stays visible as `{name}` rather than vanishing. */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
