import type { Category, IdleCause } from './parcel';

/**
 * Disposal methods (处置方式) with stable codes; labels live in labels.ts. Used by the inspector's
 * disposal picker, by statistics (group by method) and by the indicators (what counts as disposed).
 *
 * DOMAIN.md lists the methods for 批而未供, 闲置 and 低效. The policy texts add a few that DOMAIN.md
 * leaves out; they are included here and marked "text only":
 * - 批而未征: 实施征收 / 撤回用地批准文件 (001 §三(一)三–四, 000 §三(二)).
 * - 批而未供: DOMAIN.md's category definition also supplies by 租赁, so 'supply-lease' is here.
 * - 低效: 003 §6 also names 调整规划、预告转让; 004 §(十三) 资产重组.
 * - 农村存量: 003 §8 (入市, 宅基地有偿退出, 空心村整治/增减挂钩, 用于乡村产业).
 * - 零星用地: 003 §9 协议出让, 推动整体成片开发.
 */
export const DISPOSAL_METHODS = [
  // 批而未征 — 001 §三(一)三–四
  'implement-expropriation', // 实施征收
  'withdraw-approval', // 撤回批文 (also 批而未供, 003 §4 "撤销一批")
  // 批而未供 — 003 §4 "划拨一批、出让一批、转换一批、升级一批、撤销一批"
  'supply-transfer', // 出让
  'supply-allocation', // 划拨
  'supply-lease', // 租赁 (text only)
  'convert-use', // 转换用途
  'upgrade', // 升级
  // 闲置土地 — 闲置土地处置办法 第十二条、第十四条; 003 §5; 001 §三(三)二
  'urge-start', // 督促动工
  'extend-start', // 延长动工期限
  'adjust-use-or-planning', // 调整用途或规划条件
  'land-swap', // 协议置换
  'negotiated-paid-recovery', // 协商有偿收回
  'free-recovery', // 依法无偿收回
  'temporary-use', // 临时使用
  'land-reserve', // 纳入储备
  // 低效用地 — 003 §6, §9; 004 §(十三)
  'recover-reserve', // 收回收储
  'transform-upgrade', // 转型升级
  'joint-development', // 合作开发
  'self-development', // 自行开发
  'split-transfer', // 分割转让
  'equity-contribution', // 作价入股
  'judicial-restructuring', // 司法重整
  'adjust-planning', // 调整规划 (text only, 003 §6)
  'advance-notice-transfer', // 预告转让 (text only, 003 §6)
  'asset-restructuring', // 资产重组 (text only, 004 §(十三))
  // 农村存量建设用地 — 003 §8, 000 §三(三)
  'collective-market-entry', // 集体经营性建设用地入市
  'homestead-paid-exit', // 宅基地有偿退出
  'land-consolidation', // 增减挂钩、土地综合整治
  'rural-industry-use', // 盘活用于乡村产业
  // 零星用地 — 003 §9
  'agreement-transfer', // 协议出让、整体成片开发
] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];

const IDLE_METHODS = [
  'urge-start',
  'extend-start',
  'adjust-use-or-planning',
  'land-swap',
  'negotiated-paid-recovery',
  'free-recovery',
  'temporary-use',
  'land-reserve',
] as const satisfies readonly DisposalMethod[];

/** Which methods apply to which category, in the order the texts list them. */
export const DISPOSAL_METHODS_BY_CATEGORY: Readonly<Record<Category, readonly DisposalMethod[]>> = {
  'approved-not-expropriated': ['implement-expropriation', 'withdraw-approval'],
  'approved-not-supplied': [
    'supply-transfer',
    'supply-allocation',
    'supply-lease',
    'convert-use',
    'upgrade',
    'withdraw-approval',
  ],
  // 供而未用 is not yet idle: the only lever is to urge the start (003 §12 提前提醒 … 及时履约).
  'supplied-not-used': ['urge-start'],
  idle: IDLE_METHODS,
  inefficient: [
    'recover-reserve',
    'transform-upgrade',
    'joint-development',
    'self-development',
    'split-transfer',
    'equity-contribution',
    'judicial-restructuring',
    'adjust-planning',
    'advance-notice-transfer',
    'asset-restructuring',
  ],
  'rural-stock': [
    'collective-market-entry',
    'homestead-paid-exit',
    'land-consolidation',
    'rural-industry-use',
  ],
  leftover: ['agreement-transfer'],
  'not-stock': [],
  unclassified: [],
};

/**
 * Idle-land methods by cause.
 * 企业原因: 督促限期开发, 收缴闲置费, 满两年依法无偿收回 (闲置土地处置办法 第十四条; 003 §5).
 * 政府原因: 延长动工期限, 调整用途或规划条件, 临时使用, 协议有偿收回, 置换土地 (闲置土地处置办法 第十二条;
 * 003 §5 "消除动工障碍，重新约定开、竣工期限 … 协商有偿收回"). 纳入储备 follows either kind of recovery.
 */
export const IDLE_METHODS_BY_CAUSE: Readonly<Record<IdleCause, readonly DisposalMethod[]>> = {
  enterprise: ['urge-start', 'free-recovery', 'land-reserve'],
  government: [
    'extend-start',
    'adjust-use-or-planning',
    'land-swap',
    'negotiated-paid-recovery',
    'temporary-use',
    'land-reserve',
  ],
};

/** The methods to offer for a parcel: by category, narrowed by the idle cause when it is known. */
export function disposalMethodsFor(category: Category, idleCause?: IdleCause): readonly DisposalMethod[] {
  if (category === 'idle' && idleCause !== undefined) return IDLE_METHODS_BY_CAUSE[idleCause];
  return DISPOSAL_METHODS_BY_CATEGORY[category];
}

/** Whether a stored method code is one we know (imported or old data may hold anything). */
export function isDisposalMethod(code: string): code is DisposalMethod {
  return (DISPOSAL_METHODS as readonly string[]).includes(code);
}

/** Whether a method fits a category; used by validation before a disposal is saved. */
export function isDisposalAllowed(category: Category, method: string): boolean {
  return (DISPOSAL_METHODS_BY_CATEGORY[category] as readonly string[]).includes(method);
}
