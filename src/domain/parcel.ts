import type { AreaGeometry } from '../geo/geometry.types';

/** Stock-land categories (DOMAIN.md); stable codes, labels live in labels.ts. */
export const CATEGORIES = [
  'approved-not-expropriated', // 批而未征
  'approved-not-supplied', // 批而未供
  'supplied-not-used', // 供而未用
  'idle', // 闲置土地
  'inefficient', // 低效用地
  'rural-stock', // 农村存量建设用地
  'leftover', // 零星用地
  'not-stock', // 非存量土地
  'unclassified', // 未分类
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Status lifecycle: 待核实 → 已认定 → 处置中 → 已处置/已盘活, or 已撤销. */
export const STATUSES = ['to-verify', 'confirmed', 'disposing', 'disposed', 'revoked'] as const;
export type Status = (typeof STATUSES)[number];

export const IDLE_CAUSES = ['enterprise', 'government'] as const; // 企业原因 / 政府原因
export type IdleCause = (typeof IDLE_CAUSES)[number];

export const PARK_LEVELS = ['national', 'provincial', 'none'] as const; // 国家级 / 省级 / 非园区
export type ParkLevel = (typeof PARK_LEVELS)[number];

/** Roles a layer can play; parcels are checked against the control roles. */
export const LAYER_ROLES = [
  'parcels',
  'development-boundary', // 城镇开发边界
  'permanent-farmland', // 永久基本农田
  'ecological-redline', // 生态保护红线
  'park', // 开发区/园区
  'reference',
] as const;
export type LayerRole = (typeof LAYER_ROLES)[number];
export const CONTROL_ROLES = [
  'development-boundary',
  'permanent-farmland',
  'ecological-redline',
  'park',
] as const;
export type ControlRole = (typeof CONTROL_ROLES)[number];

/** One stored control layer's polygons: what parcels are checked against. */
export interface ControlLayerGeometries {
  role: ControlRole;
  geometries: AreaGeometry[];
}

/**
 * Sub-types of 低效用地 (DOMAIN.md; 003 §6, §9; 004 §(十三)). Stable codes; labels in labels.ts.
 * 'below-indicators' is what the rules suggest when a measured indicator fails a regional minimum.
 */
export const INEFFICIENT_TYPES = [
  'prohibited-industry', // 国家产业政策禁止类、淘汰类
  'safety-environment', // 不符合安全生产和环保要求
  'urban-renewal', // 旧城镇、旧厂矿、城中村
  'zombie-enterprise', // 僵尸企业 (long not producing or stopped, 003 §6)
  'below-indicators', // 容积率、投资强度、地均税收等指标不达标
  'other', // 其他
] as const;
export type InefficientType = (typeof INEFFICIENT_TYPES)[number];

/** Sub-types of 农村存量建设用地 (003 §8, 000 §三(三)). */
export const RURAL_STOCK_TYPES = [
  'collective-business', // 闲置集体经营性建设用地
  'homestead', // 闲置宅基地
  'hollow-village', // 空心村
  'village-facility', // 闲置村集体企业、中小学、公共服务设施用地
] as const;
export type RuralStockType = (typeof RURAL_STOCK_TYPES)[number];

/** Stages of the post-supply patrol (001 §三(二)二: 交地、开工、建设、竣工、验收) plus two states seen on site. */
export const PATROL_STAGES = [
  'handover', // 交地
  'started', // 开工
  'construction', // 建设
  'completed', // 竣工
  'accepted', // 验收
  'not-started', // 未动工
  'stopped', // 停工
] as const;
export type PatrolStage = (typeof PATROL_STAGES)[number];

/** What a patrol found (001 §三(二)二: 违法、违规、违约行为). */
export const PATROL_FINDINGS = ['normal', 'warning', 'breach', 'violation'] as const; // 正常 / 预警 / 违约 / 违法
export type PatrolFinding = (typeof PATROL_FINDINGS)[number];

/**
 * Verdicts of an overlay check: the first five for control lines, 'inside'/'partial' (and 'outside')
 * for 开发区/园区 membership.
 */
export const OVERLAY_VERDICTS = [
  'ok',
  'conflict',
  'boundary-error',
  'outside',
  'failed',
  'inside',
  'partial',
] as const;
export type OverlayVerdict = (typeof OVERLAY_VERDICTS)[number];

/** ISO calendar date, YYYY-MM-DD. */
export type IsoDate = string;

/**
 * The facts of a parcel that rules and statistics read. Mapped from imported attributes on import
 * (see io field mapping) and edited by people afterwards. Every field is optional: a missing fact
 * makes a rule answer "cannot decide", never guess.
 */
export interface ParcelFacts {
  code?: string; // 宗地代码 ZDDM / 标识码 BSM
  owner?: string; // 权利人 QLR
  location?: string; // 坐落 ZL
  township?: string; // 乡镇
  landUse?: string; // 用途 YT / 地类名称 DLMC
  landUseCode?: string; // 地类编码 DLBM
  approvalNumber?: string; // 批准文号
  approvalDate?: IsoDate; // 批准日期
  expropriationDate?: IsoDate; // 征收实施日期
  supplyDate?: IsoDate; // 供地日期
  agreedStartDate?: IsoDate; // 约定动工日期
  actualStartDate?: IsoDate; // 实际动工日期
  completionDate?: IsoDate; // 竣工日期
  stopDate?: IsoDate; // 停工日期
  declaredAreaM2?: number; // 宗地面积/图斑面积 as the source file gave it (ZDMJ/TBMJ), in m²
  approvedAreaM2?: number; // 批准面积
  suppliedAreaM2?: number; // 已供面积
  totalInvestment?: number; // 总投资 (万元)
  investedAmount?: number; // 已投资 (万元)
  developedAreaM2?: number; // 已开发面积
  floorAreaRatio?: number; // 容积率
  floors?: number; // 建筑层数
  adminFacilityAreaM2?: number; // 行政办公及生活服务设施用地面积
  parkLevel?: ParkLevel; // 园区级别
  industrial?: boolean; // 工业项目
  inefficientReason?: string; // 低效原因 (sub-type code, an InefficientType)
  rural?: boolean; // 农村集体建设用地
  ruralStockType?: RuralStockType; // 农村存量类型 (only with rural)
  leftoverPlot?: boolean; // 边角地、夹心地、插花地 as judged by a person (003 §9)
  keyProject?: boolean; // 省、市重点项目或有特殊工艺要求 (exempt from the 100 亩 cap, 003 §3)
  courtSeized?: boolean; // 司法查封 (001 §三(三)二.3–4)
}

export interface Disposal {
  method: string; // code from domain/disposal.ts
  date?: IsoDate;
}

/** One check of a parcel against a control layer role (computed by geo overlay, judged by domain). */
export interface OverlayCheck {
  role: ControlRole;
  /** Area of the parcel inside the role's polygons, m² (ellipsoidal). */
  insideM2: number;
  /** 'ok' | 'conflict' | 'boundary-error' | 'outside' | 'failed'; see domain overlay verdicts. */
  verdict: string;
  reason?: string;
  /** Geo's failure code when the intersection could not be computed. */
  failure?: string;
}

/**
 * A parcel: imported attributes kept as they came (`source.properties`), our fields beside them.
 */
export interface ParcelRecord {
  id: string;
  layerId: string;
  geometry: AreaGeometry;
  /** Imported attributes as they came; `record` is the 1-based record number in the source file. */
  source: { properties: Record<string, unknown>; record?: number };
  /** Ellipsoidal area, m² (CGCS2000 ellipsoid, geodesic edges). */
  areaM2: number;
  facts: ParcelFacts;
  category: Category;
  subType?: string;
  status: Status;
  idleCause?: IdleCause;
  disposal?: Disposal;
  notes?: string;
  overlay?: OverlayCheck[];
  /** Increments on every saved change; detects concurrent edits. */
  version: number;
  updatedAt: string;
  updatedBy: string;
}
