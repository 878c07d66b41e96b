import type { LayerRole, ParcelFacts, ParkLevel } from '../domain/parcel';
import type { FieldMapping } from './import.types';

type FactKey = keyof ParcelFacts;

/**
 * Field names met in real data (DOMAIN.md "Field names"), most specific first. Matching is on the
 * upper-cased name with spaces/underscores removed, so 'zddm', 'ZD_DM' and 'ZDDM' all match.
 */
const CANDIDATES: ReadonlyArray<readonly [FactKey, readonly string[]]> = [
  ['code', ['ZDDM', '宗地代码', '宗地编码', 'BSM', '标识码', 'DKBH', '地块编号', 'TBBH', '图斑编号', 'ZDBM']],
  ['owner', ['QLR', '权利人', 'QLRMC', '权利人名称', 'SYQR', '土地使用者', '用地单位', 'YDDW']],
  ['location', ['ZL', '坐落', '土地坐落', 'TDZL', 'ZLDWMC', '坐落单位名称', '地块位置', 'DKWZ']],
  ['township', ['XZMC', '乡镇', '乡镇名称', 'XZQMC', 'ZLDWDM', '坐落单位代码']],
  ['landUse', ['YT', '用途', '土地用途', 'TDYT', 'DLMC', '地类名称', 'PZYT', '批准用途', 'GHYT', '规划用途']],
  ['landUseCode', ['DLBM', '地类编码', 'DLDM', '地类代码', 'YTDM']],
  ['approvalNumber', ['批准文号', 'PZWH', '批复文号', 'PFWH']],
  ['approvalDate', ['批准日期', 'PZRQ', '批复日期', 'PFRQ', '批准时间', 'PZSJ']],
  ['expropriationDate', ['征收实施日期', '征收日期', 'ZSRQ']],
  ['supplyDate', ['供地日期', 'GDRQ', '供地时间', 'GDSJ', '合同签订日期', 'HTQDRQ']],
  ['agreedStartDate', ['约定动工日期', 'YDDGRQ', '约定开工日期', 'YDKGRQ', '约定动工时间']],
  ['actualStartDate', ['实际动工日期', 'SJDGRQ', '实际开工日期', 'SJKGRQ', '动工日期', 'DGRQ']],
  ['completionDate', ['竣工日期', 'JGRQ', '实际竣工日期', 'SJJGRQ']],
  ['stopDate', ['停工日期', 'TGRQ']],
  ['declaredAreaM2', ['ZDMJ', '宗地面积', 'TBMJ', '图斑面积', 'DKMJ', '地块面积', 'MJ', '面积', 'TBDLMJ']],
  ['approvedAreaM2', ['批准面积', 'PZMJ']],
  ['suppliedAreaM2', ['已供面积', 'YGMJ', '供地面积', 'GDMJ']],
  ['totalInvestment', ['总投资', 'ZTZ', '计划总投资', 'JHZTZ', '合同投资', 'HTTZ']],
  ['investedAmount', ['已投资', 'YTZ', '已完成投资', 'YWCTZ', '实际投资', 'SJTZ']],
  ['developedAreaM2', ['已开发面积', 'YKFMJ', '已建面积', 'YJMJ']],
  ['floorAreaRatio', ['容积率', 'RJL']],
  ['floors', ['建筑层数', 'JZCS', '层数', 'CS']],
  ['adminFacilityAreaM2', ['行政办公及生活服务设施用地面积', '行政办公面积', 'XZBGMJ']],
  ['parkLevel', ['园区级别', 'YQJB', '开发区级别', 'KFQJB']],
  ['industrial', ['工业项目', 'GYXM', '是否工业', 'SFGY']],
];

const squashName = (s: string): string => s.toUpperCase().replace(/[\s_\-()（）]/g, '');

/** Unit of an area field inferred from its name: 亩 and 公顷 fields are converted to m². */
function areaFactor(fieldName: string): number {
  if (/亩|MU$/i.test(fieldName)) return 10_000 / 15;
  if (/公顷|HA$|GQ$/i.test(fieldName)) return 10_000;
  return 1;
}
const AREA_KEYS: ReadonlySet<FactKey> = new Set([
  'declaredAreaM2',
  'approvedAreaM2',
  'suppliedAreaM2',
  'developedAreaM2',
  'adminFacilityAreaM2',
]);
const DATE_KEYS: ReadonlySet<FactKey> = new Set([
  'approvalDate',
  'expropriationDate',
  'supplyDate',
  'agreedStartDate',
  'actualStartDate',
  'completionDate',
  'stopDate',
]);
const NUMBER_KEYS: ReadonlySet<FactKey> = new Set([
  'totalInvestment',
  'investedAmount',
  'floorAreaRatio',
  'floors',
]);

/**
 * Guesses which source field fills which parcel fact from the field names (ZDDM, 宗地面积,
 * 批准日期 …). Exact names win over names that merely contain the term (e.g. '宗地面积(亩)').
 * The user can correct the result in the import dialog.
 */
export function guessFieldMapping(fieldNames: readonly string[]): FieldMapping {
  const mapping: FieldMapping = {};
  const used = new Set<string>();
  const squashed = fieldNames.map((n) => [n, squashName(n)] as const);
  for (const [key, candidates] of CANDIDATES) {
    let found: string | undefined;
    for (const candidate of candidates) {
      const c = squashName(candidate);
      found = squashed.find(([orig, s]) => s === c && !used.has(orig))?.[0];
      if (found) break;
    }
    if (!found) {
      for (const candidate of candidates) {
        // Containment only for Chinese terms: 'MJ' inside 'YGMJ' would be a false hit.
        if (!/[\u4e00-\u9fff]/.test(candidate)) continue;
        found = squashed.find(([orig, s]) => s.includes(squashName(candidate)) && !used.has(orig))?.[0];
        if (found) break;
      }
    }
    if (found) {
      mapping[key] = found;
      used.add(found);
    }
  }
  return mapping;
}

/** Normalises a date value to YYYY-MM-DD: 20230105, 2023-1-5, 2023/01/05, 2023年1月5日, Excel serials. */
export function normalizeDate(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (value > 19_000_000 && value < 22_000_000) return normalizeDate(String(Math.trunc(value)));
    // Excel day serial (1900 system) when a spreadsheet went through the chain.
    if (value > 20_000 && value < 80_000) {
      const d = new Date(Date.UTC(1899, 11, 30) + value * 86_400_000);
      return d.toISOString().slice(0, 10);
    }
    return undefined;
  }
  const s = String(value).trim();
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const v = Number(value.replace(/[,，\s]/g, ''));
  return value.trim() !== '' && Number.isFinite(v) ? v : undefined;
}

function toParkLevel(value: unknown): ParkLevel | undefined {
  const s = String(value ?? '').trim();
  if (s === '') return undefined;
  if (/国家|national/i.test(s)) return 'national';
  if (/省|provincial/i.test(s)) return 'provincial';
  if (/无|非|none/i.test(s)) return 'none';
  return undefined;
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const s = String(value ?? '').trim();
  if (/^(是|Y|YES|T|TRUE|1)$/i.test(s)) return true;
  if (/^(否|N|NO|F|FALSE|0)$/i.test(s)) return false;
  return undefined;
}

/**
 * Fills ParcelFacts from one feature's attributes through a mapping: dates to YYYY-MM-DD, areas to
 * m² (亩/公顷 fields by their name), numbers parsed from text. Values that do not parse are left
 * out (a missing fact makes a rule answer "cannot decide", never guess).
 */
export function mapFields(properties: Readonly<Record<string, unknown>>, mapping: FieldMapping): ParcelFacts {
  return fieldMapper(mapping)(properties);
}

/**
 * mapFields for one mapping, worked out once: which field feeds which fact and how its value is
 * read (a county's 100k records went through Object.entries of the mapping one by one).
 */
export function fieldMapper(
  mapping: FieldMapping,
): (properties: Readonly<Record<string, unknown>>) => ParcelFacts {
  const steps: { key: FactKey; field: string; read: (value: unknown) => unknown }[] = [];
  for (const [key, field] of Object.entries(mapping) as [FactKey, string | undefined][]) {
    if (field === undefined) continue;
    const factor = areaFactor(field);
    // Each reader gives the fact, or NOTHING when the value does not read as one.
    const read: (value: unknown) => unknown = DATE_KEYS.has(key)
      ? (value) => normalizeDate(value) || NOTHING
      : AREA_KEYS.has(key)
        ? (value) => {
            const n = toNumber(value);
            return n === undefined ? NOTHING : n * factor;
          }
        : NUMBER_KEYS.has(key)
          ? (value) => toNumber(value) ?? NOTHING
          : key === 'parkLevel'
            ? (value) => toParkLevel(value) || NOTHING
            : key === 'industrial' || key === 'rural'
              ? (value) => toBoolean(value) ?? NOTHING
              : (value) => String(value).trim();
    steps.push({ key, field, read });
  }
  return (properties) => {
    const facts: ParcelFacts = {};
    const out = facts as Record<string, unknown>;
    for (let i = 0; i < steps.length; i++) {
      const { key, field, read } = steps[i] as (typeof steps)[number];
      if (!Object.hasOwn(properties, field)) continue;
      const value = properties[field];
      if (value === null || value === undefined || value === '') continue;
      const fact = read(value);
      if (fact !== NOTHING) out[key] = fact;
    }
    return facts;
  };
}

/** What a fact reader gives for a value that does not read as the fact. */
const NOTHING: unique symbol = Symbol('nothing');

/**
 * Guesses a layer's role from its file name and field names: 永久基本农田/YJJBNT → permanent
 * farmland, 生态保护红线/STBHHX → ecological red line, 城镇开发边界/CZKFBJ → development boundary,
 * 开发区/园区/KFQ → park; otherwise parcels. The user confirms or changes it.
 */
export function guessRole(layerName: string, fieldNames: readonly string[] = []): LayerRole {
  const name = layerName.toUpperCase();
  const fields = fieldNames.map((f) => f.toUpperCase()).join('|');
  const test = (re: RegExp): boolean => re.test(name) || re.test(fields);
  if (test(/YJJBNT|永久基本农田|基本农田|JBNT/)) return 'permanent-farmland';
  if (test(/STBHHX|生态保护红线|生态红线|STHX/)) return 'ecological-redline';
  if (test(/CZKFBJ|城镇开发边界|开发边界|KFBJ/)) return 'development-boundary';
  // Parcel attributes (code, right holder) win over a park-name field that parcels often carry.
  if (/^(ZDDM|宗地代码|QLR|权利人)$/m.test(fieldNames.map((f) => f.toUpperCase()).join('\n')))
    return 'parcels';
  if (
    /开发区|园区|KFQ|CYY|产业园/.test(name) ||
    /^(KFQ|YQ)(MC|DM|BM)?$/m.test(fieldNames.map((f) => f.toUpperCase()).join('\n'))
  ) {
    return 'park';
  }
  return 'parcels';
}
