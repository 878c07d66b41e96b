/**
 * Attributes of the demo parcels: Chinese field names as they appear in real 宗地 tables, with
 * values chosen so each stock-land rule of DOMAIN.md has parcels on both sides of it, relative to
 * the reference date 2026-11-21. `CLLX` (存量类型) and `ZT` (状态) are the generator's ground truth.
 */
import type { Lot } from './layout';
import {
  COMMUNITIES,
  COUNTY,
  COUNTY_CODE,
  GIVEN_NAMES,
  HAMLETS,
  INDUSTRIES,
  PARK_ROADS,
  ROADS,
  SURNAMES,
  TOWNSHIPS,
  TRADE_NAMES,
  VILLAGES,
} from './names';
import type { Random } from './random';

/** A parcel attribute value as written to GeoJSON (null when the fact is unknown). */
export type PropertyValue = string | number | null;
/** A feature's attributes, keyed by the Chinese-standard field names (ZDDM, QLR …). */
export type Properties = Record<string, PropertyValue>;

/** 存量类型 labels used in CLLX, in DOMAIN.md order. */
export const CATEGORY_LABELS = [
  '批而未征',
  '批而未供',
  '供而未用',
  '闲置土地',
  '低效用地',
  '农村存量建设用地',
  '零星用地',
  '非存量',
] as const;
/** One CLLX label. */
export type CategoryLabel = (typeof CATEGORY_LABELS)[number];

/** The inventory's reference date ("today" for every date rule). */
export const REFERENCE_DATE = '2026-11-21';

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const REF = dayOf(REFERENCE_DATE);
/** One year before the reference date: the idle-land threshold day. */
const ONE_YEAR_BEFORE = dayOf('2025-11-21');
const TWO_YEARS_BEFORE = dayOf('2024-11-21');
const MU = 10000 / 15;

/** Field order and descriptions, also written to the manifest. */
export const PARCEL_FIELDS: { name: string; zh: string; en: string; unit?: string }[] = [
  { name: 'ZDDM', zh: '宗地代码', en: 'parcel code (19 characters)' },
  { name: 'QLR', zh: '权利人', en: 'right holder' },
  { name: 'ZL', zh: '坐落', en: 'location' },
  { name: 'XZMC', zh: '乡镇名称', en: 'township' },
  { name: 'CJMC', zh: '村/社区名称', en: 'village or community' },
  { name: 'YT', zh: '用途', en: 'land use' },
  { name: 'DLBM', zh: '地类编码', en: 'land-use code (2023 用地用海分类)' },
  { name: 'ZDMJ', zh: '宗地面积', en: 'declared parcel area', unit: 'm²' },
  { name: 'PZWH', zh: '批准文号', en: 'approval document number' },
  { name: 'PZRQ', zh: '批准日期', en: 'approval date' },
  { name: 'ZSRQ', zh: '征收实施日期', en: 'expropriation date' },
  { name: 'GDFS', zh: '供地方式', en: 'supply method' },
  { name: 'GDRQ', zh: '供地日期', en: 'supply date' },
  { name: 'YDDGRQ', zh: '约定动工日期', en: 'contracted start date' },
  { name: 'SJDGRQ', zh: '实际动工日期', en: 'actual start date' },
  { name: 'JGRQ', zh: '竣工日期', en: 'completion date' },
  { name: 'TGRQ', zh: '停工日期', en: 'construction stop date' },
  { name: 'PZMJ', zh: '批准面积', en: 'approved area', unit: 'm²' },
  { name: 'YGMJ', zh: '已供面积', en: 'supplied area', unit: 'm²' },
  { name: 'ZTZ', zh: '总投资', en: 'total investment', unit: '万元' },
  { name: 'YTZ', zh: '已投资', en: 'investment made', unit: '万元' },
  { name: 'YKFMJ', zh: '已开发面积', en: 'developed area', unit: 'm²' },
  { name: 'RJL', zh: '容积率', en: 'floor-area ratio' },
  { name: 'JZCS', zh: '建筑层数', en: 'storeys' },
  { name: 'YQMC', zh: '园区名称', en: 'park name' },
  { name: 'YQJB', zh: '园区级别', en: 'park level (国家级/省级/无)' },
  { name: 'CLLX', zh: '存量类型', en: 'stock-land category when identified (ground truth)' },
  { name: 'CLZL', zh: '存量子类', en: 'sub-type (e.g. 容积率偏低, 边角地, 闲置宅基地)' },
  { name: 'XZYY', zh: '闲置原因', en: 'idle cause (企业原因/政府原因)' },
  { name: 'ZT', zh: '状态', en: 'status (待核实/已认定/处置中/已处置/已撤销)' },
  { name: 'CZFS', zh: '处置方式', en: 'disposal method' },
  { name: 'CZRQ', zh: '处置日期', en: 'disposal date' },
];

type Use = { code: string; name: string };
const USE = {
  residential: { code: '0701', name: '城镇住宅用地' },
  homestead: { code: '0703', name: '农村宅基地' },
  villageFacility: { code: '0704', name: '农村社区服务设施用地' },
  government: { code: '0801', name: '机关团体用地' },
  education: { code: '0804', name: '教育用地' },
  health: { code: '0806', name: '医疗卫生用地' },
  commercial: { code: '0901', name: '商业用地' },
  industrial: { code: '1001', name: '工业用地' },
  logistics: { code: '1101', name: '物流仓储用地' },
  greenBuffer: { code: '1402', name: '防护绿地' },
} satisfies Record<string, Use>;
const NO_USE = Object.fromEntries(Object.keys(USE).map((k) => [k, 0])) as Record<keyof typeof USE, number>;

/** Inputs that the geometry decided for one parcel. */
export interface ParcelContext {
  lot: Lot;
  /** Ellipsoidal area of the final geometry, m². */
  areaM2: number;
  parkName: string | null;
  parkLevel: 'national' | 'provincial' | null;
  /** Township index (0 = the county seat). */
  township: number;
  /** 村/社区 name and its 地籍子区 number within the township. */
  subdistrict: { name: string; number: number };
}

/** Counts a generator keeps so ZDDM numbers are unique per 地籍子区. */
export type Sequence = Map<string, number>;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Town 地籍子区 by sector and ring around the county seat. */
export function townSubdistrict(lot: Lot): { name: string; number: number } {
  const sector = Math.floor(((lot.angle + Math.PI * 2) % (Math.PI * 2)) / (Math.PI / 4)) % 8;
  const index = sector + (lot.radius > 1800 ? 8 : 0);
  return { name: COMMUNITIES[index]!, number: index + 1 };
}

/** Village name for village index `i` (unique per village). */
export function villageName(i: number): string {
  return VILLAGES[i % VILLAGES.length]!;
}

function person(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN_NAMES);
}

function company(random: Random, use: Use): string {
  const trade = random.pick(TRADE_NAMES);
  if (use === USE.residential)
    return `${random.pick(['桂林', '漓源县'])}${trade}${random.pick(['置业', '房地产开发'])}有限公司`;
  if (use === USE.commercial)
    return `${random.pick(['桂林', '广西'])}${trade}${random.pick(['商贸', '实业', '酒店管理', '投资'])}有限公司`;
  if (use === USE.logistics)
    return `${random.pick(['桂林', '广西'])}${trade}${random.pick(['物流', '供应链管理'])}有限公司`;
  return `${random.pick(['桂林', '桂林', '广西', '漓源县'])}${trade}${random.pick(INDUSTRIES)}${random.pick(['有限公司', '有限公司', '股份有限公司'])}`;
}

function chooseCategory(random: Random, ctx: ParcelContext): CategoryLabel {
  const zone = ctx.lot.zone;
  const small = ctx.areaM2 < 5 * MU;
  let category: CategoryLabel;
  if (zone === 'village') {
    category = random.weighted({ 农村存量建设用地: 0.5, 非存量: 0.47, 批而未征: 0.03 });
  } else if (zone === 'rural') {
    category = random.weighted({ 农村存量建设用地: 0.45, 非存量: 0.35, 批而未征: 0.2 });
  } else if (zone === 'old-town') {
    category = random.weighted({
      非存量: 0.44,
      低效用地: 0.26,
      零星用地: 0.2,
      批而未供: 0.05,
      闲置土地: 0.05,
    });
  } else if (zone === 'town') {
    category = random.weighted({
      非存量: 0.42,
      批而未供: 0.19,
      供而未用: 0.08,
      闲置土地: 0.09,
      低效用地: 0.07,
      零星用地: 0.06,
      批而未征: 0.09,
    });
  } else {
    category = random.weighted({
      非存量: 0.36,
      批而未供: 0.15,
      供而未用: 0.1,
      闲置土地: 0.17,
      低效用地: 0.16,
      批而未征: 0.06,
    });
  }
  // 零星用地 are 边角地/夹心地/插花地: small by nature (003 §9).
  if (category === '零星用地' && !small) category = '非存量';
  return category;
}

function chooseUse(random: Random, ctx: ParcelContext, category: CategoryLabel): Use {
  const zone = ctx.lot.zone;
  if (zone === 'park-national' || zone === 'park-provincial')
    return random.chance(0.86) ? USE.industrial : USE.logistics;
  if (zone === 'rural')
    return USE[random.weighted({ ...NO_USE, industrial: 6, commercial: 2, logistics: 2 })];
  if (zone === 'village') {
    if (ctx.areaM2 < 900 && category !== '批而未征') return USE.homestead;
    return random.pick([USE.villageFacility, USE.commercial, USE.industrial, USE.education]);
  }
  if (category === '零星用地') return random.pick([USE.residential, USE.commercial, USE.greenBuffer]);
  const weights: Record<keyof typeof USE, number> =
    zone === 'old-town'
      ? {
          ...NO_USE,
          residential: 45,
          commercial: 30,
          industrial: 10,
          government: 5,
          education: 5,
          logistics: 5,
        }
      : { ...NO_USE, residential: 40, commercial: 24, industrial: 22, logistics: 5, education: 5, health: 4 };
  return USE[random.weighted(weights)]!;
}

/** Parcel 状态: the lifecycle stage of an identified stock parcel. */
function chooseStatus(random: Random): string {
  return random.weighted({ 待核实: 0.3, 已认定: 0.38, 处置中: 0.22, 已处置: 0.1 });
}

function day(random: Random, fromIso: string, toIso: string): number {
  return random.int(dayOf(fromIso), dayOf(toIso));
}

/** Mutable working copy of one parcel's facts, turned into properties at the end. */
interface Facts {
  owner: string;
  approvalNumber: string | null;
  approval: number | null;
  expropriation: number | null;
  supplyMethod: string | null;
  supply: number | null;
  agreedStart: number | null;
  actualStart: number | null;
  completion: number | null;
  stop: number | null;
  approvedArea: number | null;
  suppliedArea: number | null;
  totalInvestment: number | null;
  invested: number | null;
  developedArea: number | null;
  floorAreaRatio: number | null;
  floors: number | null;
  subType: string | null;
  idleCause: string | null;
  status: string | null;
  disposal: string | null;
  disposalDate: number | null;
}

function approvalNumber(random: Random, approvalDay: number): string {
  const year = isoOf(approvalDay).slice(0, 4);
  return `桂政土批〔${year}〕${random.int(1, 420)}号`;
}

/** Standard floor-area ratio of industrial land in a park (003 §3). */
function ratioStandard(level: ParcelContext['parkLevel']): number {
  return level === 'national' ? 1.5 : level === 'provincial' ? 1.2 : 1.0;
}

function normalRatio(random: Random, use: Use, level: ParcelContext['parkLevel']): number {
  if (use === USE.industrial || use === USE.logistics) return round2(random.range(ratioStandard(level), 2.6));
  if (use === USE.residential) return round2(random.range(1.8, 3.5));
  if (use === USE.commercial) return round2(random.range(1.5, 4));
  if (use === USE.homestead) return round2(random.range(0.8, 2.2));
  return round2(random.range(0.8, 2.2));
}

function floorsFor(random: Random, use: Use, ratio: number): number {
  if (use === USE.industrial || use === USE.logistics)
    return Math.max(1, Math.min(6, Math.round(ratio * random.range(1.2, 2.2))));
  if (use === USE.homestead) return random.int(2, 4);
  return Math.max(2, Math.round(ratio * random.range(2.5, 9)));
}

/** 万元 per 亩 of a typical project of that use. */
function intensity(random: Random, use: Use): number {
  if (use === USE.industrial || use === USE.logistics) return random.range(180, 450);
  if (use === USE.residential) return random.range(350, 900);
  if (use === USE.commercial) return random.range(300, 800);
  return random.range(120, 400);
}

function disposalFor(random: Random, category: CategoryLabel, status: string, facts: Facts): void {
  if (status !== '处置中' && status !== '已处置') return;
  const methods: Partial<Record<CategoryLabel, string[]>> = {
    批而未供: ['出让', '划拨', '转换用途', '升级', '撤回批文'],
    闲置土地: [
      '督促动工',
      '延长动工期限',
      '调整用途或规划条件',
      '协议置换',
      '协商有偿收回',
      '依法无偿收回',
      '临时使用',
      '纳入储备',
    ],
    低效用地: ['收回收储', '转型升级', '合作开发', '自行开发', '分割转让', '作价入股', '司法重整'],
    农村存量建设用地: ['复垦', '集体经营性建设用地入市', '村集体自营', '盘活利用'],
    零星用地: ['协议出让', '整合开发', '划拨', '临时使用'],
    供而未用: ['督促动工'],
    批而未征: ['组织实施征收', '撤回批文'],
  };
  const list = methods[category];
  if (!list) return;
  facts.disposal = random.pick(list);
  facts.disposalDate = status === '已处置' ? day(random, '2026-01-05', '2026-11-10') : null;
}

/** Builds the attribute record of one parcel and returns its category. */
export function parcelProperties(
  random: Random,
  ctx: ParcelContext,
  sequence: Sequence,
): { properties: Properties; category: CategoryLabel } {
  const category = chooseCategory(random, ctx);
  const use = chooseUse(random, ctx, category);
  const zone = ctx.lot.zone;
  const area = ctx.areaM2;
  const mu = area / MU;
  const townshipName = TOWNSHIPS[ctx.township]!;
  const industrial = use === USE.industrial || use === USE.logistics;
  const reserve =
    zone === 'park-national' || zone === 'park-provincial'
      ? '漓源经济技术开发区管理委员会'
      : '漓源县土地储备中心';
  const collective = `${townshipName}${ctx.subdistrict.name}股份经济合作社`;

  const facts: Facts = {
    owner: company(random, use),
    approvalNumber: null,
    approval: null,
    expropriation: null,
    supplyMethod: null,
    supply: null,
    agreedStart: null,
    actualStart: null,
    completion: null,
    stop: null,
    approvedArea: null,
    suppliedArea: null,
    totalInvestment: null,
    invested: null,
    developedArea: null,
    floorAreaRatio: null,
    floors: null,
    subType: null,
    idleCause: null,
    status: category === '非存量' ? null : chooseStatus(random),
    disposal: null,
    disposalDate: null,
  };
  const plannedInvestment = (): number => Math.round(mu * intensity(random, use));
  const supplyMethodFor = (): string =>
    use === USE.government || use === USE.education || use === USE.health
      ? '划拨'
      : random.chance(0.06)
        ? '租赁'
        : '出让';
  const approveBefore = (before: number, minGap: number, maxGap: number): void => {
    facts.approval = before - random.int(minGap, maxGap);
    facts.approvalNumber = approvalNumber(random, facts.approval);
    facts.expropriation =
      facts.approval + random.int(40, Math.min(380, Math.max(41, before - facts.approval - 5)));
    facts.approvedArea = Math.round(area * (random.chance(0.6) ? 1 : random.range(1.1, 2.5)));
  };

  switch (category) {
    case '批而未征': {
      facts.owner = collective;
      // Approvals lapse if not carried out within 2 years (001 §三(一)四); a few sit at the edge.
      const roll = random.next();
      if (roll < 0.08) facts.approval = TWO_YEARS_BEFORE;
      else if (roll < 0.12) facts.approval = TWO_YEARS_BEFORE + 1;
      else if (roll < 0.24) {
        facts.approval = day(random, '2022-03-01', '2024-11-20');
        facts.status = random.chance(0.5) ? '已撤销' : '待核实';
      } else facts.approval = day(random, '2024-11-22', '2026-10-15');
      facts.approvalNumber = approvalNumber(random, facts.approval);
      facts.approvedArea = Math.round(area * (random.chance(0.7) ? 1 : random.range(1.2, 3)));
      facts.suppliedArea = 0;
      disposalFor(random, category, facts.status ?? '', facts);
      break;
    }
    case '批而未供': {
      facts.owner = random.chance(0.8) ? reserve : '漓源县人民政府';
      facts.approval = day(random, '2009-03-01', '2025-08-30');
      facts.approvalNumber = approvalNumber(random, facts.approval);
      facts.expropriation = facts.approval + random.int(60, 400);
      // Part-supplied batches: this parcel is the unsupplied remainder (批而未供 = 批准 − 已供).
      if (random.chance(0.3)) {
        facts.approvedArea = Math.round(area * random.range(1.5, 4));
        facts.suppliedArea = facts.approvedArea - Math.round(area);
      } else {
        facts.approvedArea = Math.round(area);
        facts.suppliedArea = 0;
      }
      facts.subType = random.weighted({ 未供应: 0.6, 部分供应: 0.1, 规划调整: 0.15, 地块条件不具备: 0.15 });
      if (facts.suppliedArea > 0) facts.subType = '部分供应';
      disposalFor(random, category, facts.status ?? '', facts);
      // A batch disposed by supply now shows the supply (CLLX keeps the category it was identified in).
      if (facts.status === '已处置' && (facts.disposal === '出让' || facts.disposal === '划拨')) {
        facts.supply = facts.disposalDate;
        facts.supplyMethod = facts.disposal;
        facts.owner = company(random, use);
        facts.agreedStart = (facts.disposalDate ?? REF) + random.int(180, 365);
        facts.totalInvestment = plannedInvestment();
      }
      break;
    }
    case '供而未用': {
      const r = random.next();
      if (r < 0.1) facts.agreedStart = ONE_YEAR_BEFORE;
      else if (r < 0.55) facts.agreedStart = random.int(ONE_YEAR_BEFORE + 1, REF);
      else facts.agreedStart = random.int(REF + 1, REF + 420);
      facts.supply = Math.min(REF - random.int(10, 90), facts.agreedStart - random.int(180, 540));
      approveBefore(facts.supply, 120, 1500);
      facts.supplyMethod = supplyMethodFor();
      facts.suppliedArea = Math.round(area);
      facts.totalInvestment = plannedInvestment();
      facts.invested = random.chance(0.4) ? Math.round(facts.totalInvestment * random.range(0.01, 0.08)) : 0;
      facts.developedArea = 0;
      facts.subType = '未到约定动工期';
      disposalFor(random, category, facts.status ?? '', facts);
      break;
    }
    case '闲置土地': {
      facts.totalInvestment = plannedInvestment();
      facts.idleCause = random.chance(0.7) ? '企业原因' : '政府原因';
      if (random.chance(0.68)) {
        // (a) not started more than one year after the contracted start date (Order No. 53 §2).
        const r = random.next();
        facts.agreedStart =
          r < 0.08 ? ONE_YEAR_BEFORE - 1 : random.int(dayOf('2014-06-01'), ONE_YEAR_BEFORE - 2);
        facts.supply = facts.agreedStart - random.int(180, 540);
        facts.invested = random.chance(0.5) ? Math.round(facts.totalInvestment * random.range(0, 0.1)) : 0;
        facts.developedArea = 0;
        facts.subType = '超期未动工';
      } else {
        // (b) started, developed < 1/3 or invested < 25 %, stopped for a year or more.
        facts.agreedStart = day(random, '2013-01-01', '2023-06-30');
        facts.supply = facts.agreedStart - random.int(180, 540);
        facts.actualStart = facts.agreedStart + random.int(-60, 200);
        const r = random.next();
        facts.stop = r < 0.1 ? ONE_YEAR_BEFORE : random.int(facts.actualStart + 90, ONE_YEAR_BEFORE - 1);
        if (facts.stop <= facts.actualStart) facts.stop = facts.actualStart + 120;
        if (random.chance(0.6)) {
          facts.developedArea = Math.round(area * random.range(0.05, 0.3));
          facts.invested = Math.round(facts.totalInvestment * random.range(0.1, 0.6));
        } else {
          facts.developedArea = Math.round(area * random.range(0.35, 0.6));
          facts.invested = Math.round(facts.totalInvestment * random.range(0.05, 0.24));
        }
        facts.subType = '动工后停工';
      }
      approveBefore(facts.supply, 120, 1500);
      facts.supplyMethod = supplyMethodFor();
      facts.suppliedArea = Math.round(area);
      disposalFor(random, category, facts.status ?? '', facts);
      break;
    }
    case '低效用地': {
      facts.completion = day(random, zone === 'old-town' ? '1988-01-01' : '2002-01-01', '2019-12-31');
      facts.actualStart = facts.completion - random.int(300, 900);
      facts.agreedStart = facts.actualStart - random.int(-90, 120);
      facts.supply = facts.agreedStart - random.int(120, 400);
      if (facts.supply > dayOf('1999-01-01')) approveBefore(facts.supply, 90, 900);
      facts.supplyMethod = facts.supply < dayOf('1995-01-01') ? '划拨' : supplyMethodFor();
      facts.suppliedArea = Math.round(area);
      facts.developedArea = Math.round(area);
      facts.totalInvestment = plannedInvestment();
      facts.invested = facts.totalInvestment;
      if (industrial && ctx.parkLevel) {
        facts.subType = random.weighted({
          容积率偏低: 0.55,
          投资强度不足: 0.15,
          僵尸企业: 0.2,
          淘汰类产业: 0.1,
        });
      } else if (zone === 'old-town') {
        facts.subType = industrial ? '旧厂矿' : random.weighted({ 旧城镇: 0.6, 城中村: 0.4 });
      } else {
        facts.subType = industrial
          ? random.weighted({ 容积率偏低: 0.5, 旧厂矿: 0.3, 僵尸企业: 0.2 })
          : '旧城镇';
      }
      const standard = ratioStandard(ctx.parkLevel);
      facts.floorAreaRatio =
        facts.subType === '容积率偏低'
          ? round2(random.range(0.35, standard - 0.05))
          : facts.subType === '旧城镇' || facts.subType === '城中村'
            ? round2(random.range(0.6, 1.3))
            : round2(random.range(0.5, standard + 0.3));
      facts.floors = industrial ? random.int(1, 2) : random.int(1, 4);
      if (facts.subType === '投资强度不足') facts.totalInvestment = Math.round(mu * random.range(40, 120));
      facts.invested = facts.totalInvestment;
      if (facts.subType === '城中村') facts.owner = collective;
      disposalFor(random, category, facts.status ?? '', facts);
      break;
    }
    case '农村存量建设用地': {
      if (use === USE.homestead) {
        facts.owner = person(random);
        facts.subType = random.weighted({ 闲置宅基地: 0.65, 空心村: 0.35 });
        facts.approval = day(random, '1986-01-01', '2012-12-31');
        facts.approvalNumber = `漓源宅批〔${isoOf(facts.approval).slice(0, 4)}〕${pad(random.int(1, 900), 3)}号`;
        // Left empty years after it was approved (the family moved to town).
        facts.stop = random.int(Math.min(facts.approval + 1500, dayOf('2024-06-30')), dayOf('2024-06-30'));
        facts.floors = random.int(1, 3);
      } else {
        facts.owner =
          use === USE.villageFacility || use === USE.education
            ? `${ctx.subdistrict.name}民委员会`
            : collective;
        facts.subType =
          use === USE.education
            ? '闲置村小学'
            : use === USE.villageFacility
              ? '闲置村级公共设施'
              : zone === 'rural' && random.chance(0.4)
                ? '废弃乡镇企业用地'
                : '闲置集体经营性建设用地';
        facts.completion = day(random, '1980-01-01', '2010-12-31');
        facts.stop = day(random, '2011-01-01', '2024-06-30');
        facts.floors = random.int(1, 3);
      }
      disposalFor(random, category, facts.status ?? '', facts);
      break;
    }
    case '零星用地': {
      facts.owner = random.chance(0.7) ? reserve : '漓源县人民政府';
      facts.subType = random.weighted({ 边角地: 0.45, 夹心地: 0.35, 插花地: 0.2 });
      if (random.chance(0.6)) {
        facts.approval = day(random, '2005-01-01', '2023-12-31');
        facts.approvalNumber = approvalNumber(random, facts.approval);
        facts.expropriation = facts.approval + random.int(60, 400);
        facts.approvedArea = Math.round(area);
        facts.suppliedArea = 0;
      }
      disposalFor(random, category, facts.status ?? '', facts);
      break;
    }
    case '非存量': {
      if (zone === 'village' || zone === 'rural') {
        if (use === USE.homestead) {
          facts.owner = person(random);
          facts.approval = day(random, '1986-01-01', '2024-12-31');
          facts.approvalNumber = `漓源宅批〔${isoOf(facts.approval).slice(0, 4)}〕${pad(random.int(1, 900), 3)}号`;
          facts.floors = random.int(1, 4);
        } else {
          facts.owner =
            use === USE.villageFacility || use === USE.education
              ? `${ctx.subdistrict.name}民委员会`
              : zone === 'rural' && random.chance(0.5)
                ? company(random, use) // collective business land leased out (入市)
                : collective;
          facts.completion = day(random, '1990-01-01', '2022-12-31');
          facts.floors = random.int(1, 3);
        }
        break;
      }
      facts.supply = day(random, '2004-01-01', '2025-10-31');
      approveBefore(facts.supply, 100, 700);
      facts.supplyMethod = supplyMethodFor();
      facts.suppliedArea = Math.round(area);
      facts.agreedStart = facts.supply + random.int(150, 365);
      facts.totalInvestment = plannedInvestment();
      facts.floorAreaRatio = normalRatio(random, use, ctx.parkLevel);
      facts.floors = floorsFor(random, use, facts.floorAreaRatio);
      const edge = random.next();
      if (facts.agreedStart > REF - 30) {
        // Supplied recently, contracted start still ahead: an ordinary new project, not stock.
        facts.agreedStart = Math.max(facts.agreedStart, REF + random.int(10, 300));
        facts.floorAreaRatio = null;
        facts.floors = null;
        facts.invested = 0;
        facts.developedArea = 0;
        break;
      }
      facts.actualStart = Math.min(REF - 20, facts.agreedStart + random.int(-60, 240));
      if (edge < 0.05 && facts.actualStart < REF - 60) {
        // Near miss: stopped, but for less than a year.
        facts.stop = random.int(Math.max(ONE_YEAR_BEFORE + 1, facts.actualStart + 30), REF - 10);
        facts.developedArea = Math.round(area * random.range(0.1, 0.3));
        facts.invested = Math.round(facts.totalInvestment * random.range(0.1, 0.2));
      } else if (edge < 0.09 && facts.actualStart < ONE_YEAR_BEFORE - 120) {
        // Near miss: stopped over a year ago, but over 1/3 developed and over 25 % invested.
        facts.stop = random.int(facts.actualStart + 100, ONE_YEAR_BEFORE - 1);
        facts.developedArea = Math.round(area * random.range(0.34, 0.8));
        facts.invested = Math.round(facts.totalInvestment * random.range(0.26, 0.8));
      } else {
        const completion = facts.actualStart + random.int(400, 1200);
        if (completion < REF - 30) {
          facts.completion = completion;
          facts.developedArea = Math.round(area);
          facts.invested = Math.round(facts.totalInvestment * random.range(0.95, 1.1));
        } else {
          facts.developedArea = Math.round(area * random.range(0.4, 0.95));
          facts.invested = Math.round(facts.totalInvestment * random.range(0.4, 0.95));
          facts.floorAreaRatio = null;
        }
      }
      break;
    }
  }

  // ZDDM: 县级代码(6) + 地籍区(3) + 地籍子区(3) + 宗地特征码(2) + 顺序号(5) = 19 characters.
  const feature =
    category === '批而未征'
      ? 'JA'
      : zone === 'village' || zone === 'rural'
        ? use === USE.homestead
          ? 'JC'
          : 'JB'
        : facts.subType === '城中村'
          ? 'JB'
          : 'GB';
  const prefix = `${COUNTY_CODE}${pad(ctx.township + 1, 3)}${pad(ctx.subdistrict.number, 3)}${feature}`;
  const seqKey = prefix.slice(0, 12);
  const next = (sequence.get(seqKey) ?? 0) + 1;
  sequence.set(seqKey, next);
  const code = `${prefix}${pad(next, 5)}`;

  const location =
    zone === 'village'
      ? `${COUNTY}${townshipName}${ctx.subdistrict.name}${random.pick(HAMLETS)}`
      : zone === 'rural'
        ? `${COUNTY}${townshipName}${ctx.subdistrict.name}${random.pick(['村口', '岭脚', '大塘边', '公路旁', '老砖厂'])}`
        : `${COUNTY}${townshipName}${ctx.parkName && random.chance(0.6) ? ctx.parkName : ''}${random.pick(
            ctx.parkName ? PARK_ROADS : ROADS,
          )}${random.int(1, 399)}号`;
  const date = (d: number | null): string | null => (d === null ? null : isoOf(d));
  const properties: Properties = {
    ZDDM: code,
    QLR: facts.owner,
    ZL: location,
    XZMC: townshipName,
    CJMC: ctx.subdistrict.name,
    YT: use.name,
    DLBM: use.code,
    ZDMJ: round2(area),
    PZWH: facts.approvalNumber,
    PZRQ: date(facts.approval),
    ZSRQ: date(facts.expropriation),
    GDFS: facts.supplyMethod,
    GDRQ: date(facts.supply),
    YDDGRQ: date(facts.agreedStart),
    SJDGRQ: date(facts.actualStart),
    JGRQ: date(facts.completion),
    TGRQ: date(facts.stop),
    PZMJ: facts.approvedArea,
    YGMJ: facts.suppliedArea,
    ZTZ: facts.totalInvestment,
    YTZ: facts.invested,
    YKFMJ: facts.developedArea,
    RJL: facts.floorAreaRatio,
    JZCS: facts.floors,
    YQMC: ctx.parkName,
    YQJB: ctx.parkLevel === 'national' ? '国家级' : ctx.parkLevel === 'provincial' ? '省级' : '无',
    CLLX: category,
    CLZL: facts.subType,
    XZYY: facts.idleCause,
    ZT: facts.status,
    CZFS: facts.disposal,
    CZRQ: date(facts.disposalDate),
  };
  return { properties, category };
}
