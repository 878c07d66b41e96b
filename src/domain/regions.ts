/**
 * Regional thresholds (used by the rules) and targets (used by the indicators), with presets from
 * the policy texts: Guangxi (000 桂政办发〔2021〕72号, 001 广西节约集约用地通知 2018), Chenzhou/Hunan
 * (003 郴政办发〔2024〕5号) and Ningxia (004 宁夏自然资源厅 2023). The settings screen edits a copy;
 * the db stores it. Shares are exact ratios so that boundaries (exactly 25 %, exactly 1/3) are
 * decided without floating-point doubt.
 *
 * Where DOMAIN.md and the texts differ (the text wins):
 * - 近五年平均供地率: 001 §四(四) assesses it every half-year: below 60 % in the first half OR
 *   below 66 % in the second half both trigger rectification (DOMAIN.md names only the 60 %).
 *   The 66 % goal itself is in 001 §二 (到2022年).
 * - 100 亩: 003 §3 says "控制在100亩以内" (以内 includes 100: exactly 100 亩 is within the cap) and
 *   exempts 省、市重点项目 and projects with special process needs; 004 §(十) says "100亩以上的工业
 *   项目 … 论证" (以上 includes 100: exactly 100 亩 needs justification). Hence
 *   `projectMuLimitInclusive`.
 * - The FAR minimums 1.5/1.2 are Chenzhou's (003 §3, for 园区产业项目); the Guangxi and Ningxia texts
 *   set none (Ningxia sets FAR per plot in its 标准地 conditions, 004 §(十)). Those presets keep the
 *   default so the check stays on; a region may clear it.
 * - 闲置土地处置率 25 % and 批而未供 18 % are Guangxi's 2021–2023 action-plan goals (000 §二);
 *   003 and 004 set no idle-disposal percentage (003 §5 aims at "逐步清零"; 004 §(十二) refers to a
 *   target value without a number), so those presets keep the default.
 * - 零星用地 has no area limit in any text (003 §9: "难以独立开发的低效零星土地"); `leftoverMaxMu`
 *   is a local setting, defaulting to 3 亩.
 */

/** An exact share: numerator / denominator (e.g. 1/3, 25/100). */
export interface Ratio {
  numerator: number;
  denominator: number;
}

/** Shorthand for a percentage as an exact ratio. */
export const percent = (value: number): Ratio => ({ numerator: value, denominator: 100 });

/** The ratio as a number (for display and charts, not for boundary decisions). */
export const ratioValue = (ratio: Ratio): number => ratio.numerator / ratio.denominator;

/**
 * Relative tolerance of the ratio comparisons: areas arrive as floating-point m² (1/3 of 6,666.67 m²
 * is not exact), and a difference below a part in 10^9 is rounding noise, not a fact on the ground.
 */
const RATIO_TOLERANCE = 1e-9;

const compareToRatio = (part: number, whole: number, ratio: Ratio): number => {
  const left = part * ratio.denominator;
  const right = whole * ratio.numerator;
  const difference = left - right;
  return Math.abs(difference) <= RATIO_TOLERANCE * Math.max(Math.abs(left), Math.abs(right))
    ? 0
    : Math.sign(difference);
};

/** Whether part/whole < ratio, decided by cross-multiplication (whole must be > 0). */
export const isBelowRatio = (part: number, whole: number, ratio: Ratio): boolean =>
  compareToRatio(part, whole, ratio) < 0;

/** Whether part/whole > ratio (whole must be > 0). */
export const isAboveRatio = (part: number, whole: number, ratio: Ratio): boolean =>
  compareToRatio(part, whole, ratio) > 0;

/** "25%" for hundredths, "1/3" otherwise. */
export function formatRatio(ratio: Ratio): string {
  if (ratio.denominator === 100) return `${ratio.numerator}%`;
  return `${ratio.numerator}/${ratio.denominator}`;
}

/** Thresholds read by the category rules. `null` switches a check off. */
export interface RegionThresholds {
  /** Idle when not started more than this many years after the agreed start date (闲置土地处置办法 第二条). */
  idleYearsNotStarted: number;
  /** Idle when stopped this many years with too little developed/invested (第二条). */
  idleYearsStopped: number;
  /** Developed area share below which a stopped project can be idle: 1/3 (第二条). */
  idleDevelopedShare: Ratio;
  /** Investment share below which a stopped project can be idle: 25 % (第二条). */
  idleInvestmentShare: Ratio;
  /** Idle-land fee as a share of the land price, land-user cause: 20 % (第十四条(一)). */
  idleFeeShare: Ratio;
  /** Years not started after which land-user-caused idle land may be recovered without compensation: 2 (第十四条(二)). */
  idleFreeRecoveryYears: number;
  /** Years after which an unused conversion/expropriation approval lapses: 2 (001 §三(一)四). */
  approvalLapseYears: number;
  /** Minimum floor-area ratio of park industrial projects by park level (003 §3). */
  minFloorAreaRatio: { national: number | null; provincial: number | null };
  /** Cap on one project's land in 亩 (003 §3, 004 §(十)). */
  maxProjectMu: number | null;
  /** Whether exactly `maxProjectMu` is already flagged (Ningxia "以上") or only above it (Chenzhou "以内"). */
  projectMuLimitInclusive: boolean;
  /** Admin and living facilities as a share of an industrial project's land: ≤ 7 % (004 §(十一)). */
  maxAdminFacilityShare: Ratio | null;
  /** Compatible facilities as a share of floor area: ≤ 15 % (004 §(十一)); shown, not checked (no floor-area fact). */
  maxCompatibleFloorShare: Ratio | null;
  /** New standard factory buildings: ≥ 2 storeys (004 §(八)); shown, not checked (no "standard factory" fact). */
  minStandardFactoryFloors: number | null;
  /** Industrial land share of industry-led parks: ≥ 70 % (003 §2); a park-level figure, shown only. */
  minIndustrialLandShareInParks: Ratio | null;
  /** Largest area in 亩 still treated as a leftover plot (local setting; no text gives one). */
  leftoverMaxMu: number;
}

/** Targets read by the indicators. */
export interface RegionTargets {
  /** 批而未供土地处置率 per year (000 §二 18 %; 003 §4 60 %). */
  approvedNotSuppliedDisposalRate: Ratio;
  /** 闲置土地处置率 per year (000 §二 25 %). */
  idleDisposalRate: Ratio;
  /** 近五年平均供地率 at year end (001 §二, §四(四) 66 %). */
  fiveYearSupplyRate: Ratio;
  /** 近五年平均供地率 at mid-year (001 §四(四) 60 %). */
  fiveYearSupplyRateMidYear: Ratio;
  /** The window of the supply rate in years (001: 近五年). */
  supplyRateWindowYears: number;
  /** Share of the year's revitalisation task done by the end of Q1…Q4 (000 §三(五)). */
  quarterlyProgress: readonly [Ratio, Ratio, Ratio, Ratio];
}

export type RegionId = 'default' | 'guangxi' | 'chenzhou' | 'ningxia';

/** A region's settings as stored and edited; `sources` cites the text behind each value. */
export interface RegionSettings {
  id: RegionId | string;
  name: { 'zh-CN': string; en: string };
  thresholds: RegionThresholds;
  targets: RegionTargets;
  sources: Partial<Record<keyof RegionThresholds | keyof RegionTargets, string>>;
}

const nationalThresholds: RegionThresholds = {
  idleYearsNotStarted: 1,
  idleYearsStopped: 1,
  idleDevelopedShare: { numerator: 1, denominator: 3 },
  idleInvestmentShare: percent(25),
  idleFeeShare: percent(20),
  idleFreeRecoveryYears: 2,
  approvalLapseYears: 2,
  minFloorAreaRatio: { national: 1.5, provincial: 1.2 },
  maxProjectMu: 100,
  projectMuLimitInclusive: false,
  maxAdminFacilityShare: percent(7),
  maxCompatibleFloorShare: percent(15),
  minStandardFactoryFloors: 2,
  minIndustrialLandShareInParks: percent(70),
  leftoverMaxMu: 3,
};

const defaultTargets: RegionTargets = {
  approvedNotSuppliedDisposalRate: percent(18),
  idleDisposalRate: percent(25),
  fiveYearSupplyRate: percent(66),
  fiveYearSupplyRateMidYear: percent(60),
  supplyRateWindowYears: 5,
  quarterlyProgress: [percent(15), percent(40), percent(75), percent(100)],
};

const idleSources = {
  idleYearsNotStarted: '闲置土地处置办法 第二条',
  idleYearsStopped: '闲置土地处置办法 第二条',
  idleDevelopedShare: '闲置土地处置办法 第二条',
  idleInvestmentShare: '闲置土地处置办法 第二条',
  idleFeeShare: '闲置土地处置办法 第十四条',
  idleFreeRecoveryYears: '闲置土地处置办法 第十四条; 001 §三(三)二.3',
  approvalLapseYears: '001 §三(一)四',
} as const;

/** The default: DOMAIN.md's table, each value traced to its text. */
export const defaultRegion: RegionSettings = {
  id: 'default',
  name: { 'zh-CN': '默认', en: 'Default' },
  thresholds: nationalThresholds,
  targets: defaultTargets,
  sources: {
    ...idleSources,
    minFloorAreaRatio: '003 §3',
    maxProjectMu: '003 §3; 004 §(十)',
    maxAdminFacilityShare: '004 §(十一)',
    maxCompatibleFloorShare: '004 §(十一)',
    minStandardFactoryFloors: '004 §(八)',
    minIndustrialLandShareInParks: '003 §2',
    leftoverMaxMu: 'local setting',
    approvedNotSuppliedDisposalRate: '000 §二',
    idleDisposalRate: '000 §二',
    fiveYearSupplyRate: '001 §二; 001 §四(四)',
    fiveYearSupplyRateMidYear: '001 §四(四)',
    quarterlyProgress: '000 §三(五)',
  },
};

/** Guangxi: targets from 000 and 001; rule thresholds national (its texts set no FAR or size caps). */
const guangxi: RegionSettings = {
  id: 'guangxi',
  name: { 'zh-CN': '广西壮族自治区', en: 'Guangxi' },
  thresholds: nationalThresholds,
  targets: defaultTargets,
  sources: {
    ...defaultRegion.sources,
    minFloorAreaRatio: 'default (003 §3); not in 000/001',
    maxProjectMu: 'default (003 §3); not in 000/001',
  },
};

/** Chenzhou (Hunan): 批而未供 60 % (003 §4), FAR 1.5/1.2 and the 100 亩 cap "以内" (003 §3). */
const chenzhou: RegionSettings = {
  id: 'chenzhou',
  name: { 'zh-CN': '湖南省郴州市', en: 'Chenzhou, Hunan' },
  thresholds: { ...nationalThresholds, projectMuLimitInclusive: false },
  targets: { ...defaultTargets, approvedNotSuppliedDisposalRate: percent(60) },
  sources: {
    ...defaultRegion.sources,
    approvedNotSuppliedDisposalRate: '003 §4',
    idleDisposalRate: 'default (000 §二); 003 §5 sets no rate',
    fiveYearSupplyRate: 'default (001); not in 003',
    fiveYearSupplyRateMidYear: 'default (001); not in 003',
    quarterlyProgress: 'default (000 §三(五)); not in 003',
  },
};

/** Ningxia: 100 亩 "以上" needs justification (004 §(十)), admin ≤ 7 %, compatible ≤ 15 % (004 §(十一)). */
const ningxia: RegionSettings = {
  id: 'ningxia',
  name: { 'zh-CN': '宁夏回族自治区', en: 'Ningxia' },
  thresholds: { ...nationalThresholds, projectMuLimitInclusive: true },
  targets: defaultTargets,
  sources: {
    ...defaultRegion.sources,
    maxProjectMu: '004 §(十)',
    minFloorAreaRatio: 'default (003 §3); 004 §(十) sets FAR per plot',
    approvedNotSuppliedDisposalRate: 'default (000 §二); 004 §(十二) gives no number',
    idleDisposalRate: 'default (000 §二); 004 §(十二) gives no number',
    fiveYearSupplyRate: 'default (001); not in 004',
    fiveYearSupplyRateMidYear: 'default (001); not in 004',
    quarterlyProgress: 'default (000 §三(五)); not in 004',
  },
};

/** The shipped presets, by id. */
export const REGION_PRESETS: Readonly<Record<RegionId, RegionSettings>> = {
  default: defaultRegion,
  guangxi,
  chenzhou,
  ningxia,
};

/** A preset by id, falling back to the default for an unknown id from old settings. */
export function regionPreset(id: string): RegionSettings {
  return (REGION_PRESETS as Readonly<Record<string, RegionSettings>>)[id] ?? defaultRegion;
}
