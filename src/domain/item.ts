/** The supervised item (督办事项) as the domain sees it: plain data, no persistence concerns. */

export const ItemStates = [
  'registered',
  'assigned',
  'in_progress',
  'under_review',
  'closed',
  'archived',
  'merged',
  'cancelled',
] as const;
export type ItemState = (typeof ItemStates)[number];

export const OPEN_STATES: readonly ItemState[] = ['registered', 'assigned', 'in_progress', 'under_review'];
export const isOpen = (s: ItemState) => OPEN_STATES.includes(s);

export const STATE_LABELS: Record<ItemState, string> = {
  registered: '已登记',
  assigned: '待认领',
  in_progress: '办理中',
  under_review: '待审核',
  closed: '已销号',
  archived: '已归档',
  merged: '已合并',
  cancelled: '已撤销',
};

export const SourceCategories = [
  'superior', // 上级决策部署/批示/交办转办
  'annual_plan', // 学校年度工作要点
  'committee', // 党委会/常委会/校长办公会决议
  'meeting', // 工作调度例会/专题会议
  'congress', // 教代会决议/提案
  'leader_instruction', // 校领导批示/交办
  'petition', // 重点信访/师生关切
  'other',
] as const;
export type SourceCategory = (typeof SourceCategories)[number];

export const SOURCE_LABELS: Record<SourceCategory, string> = {
  superior: '上级决策部署/批示/交办转办',
  annual_plan: '学校年度工作要点',
  committee: '党委会/常委会/校长办公会决议',
  meeting: '工作调度例会/专题会议',
  congress: '教代会决议/提案',
  leader_instruction: '校领导批示/交办',
  petition: '重点信访/师生关切',
  other: '其他',
};

export interface ItemSource {
  category: SourceCategory;
  /** Meeting minutes, instruction text, document number. */
  ref: string;
  /** The item this source came from, when it arrived by a merge. */
  mergedFrom?: string;
}

export const Modes = ['routine', 'meeting', 'site', 'joint'] as const;
export type Mode = (typeof Modes)[number];
export const MODE_LABELS: Record<Mode, string> = {
  routine: '日常督办',
  meeting: '会议督办',
  site: '现场督办',
  joint: '联合督办',
};

export const Kinds = ['ledger', 'notice'] as const;
export type Kind = (typeof Kinds)[number];
export const KIND_LABELS: Record<Kind, string> = { ledger: '台账任务', notice: '专项督办通知' };

export const ProgressCycles = ['none', 'weekly', 'biweekly', 'monthly'] as const;
export type ProgressCycle = (typeof ProgressCycles)[number];
export const CYCLE_LABELS: Record<ProgressCycle, string> = {
  none: '不定期',
  weekly: '每周',
  biweekly: '每两周',
  monthly: '每月',
};

export interface Stage {
  name: string;
  deadline: string;
}

/** Who must sign off next while an item is under review. */
export type ReviewStage = 'leader' | 'principal';

export interface PendingExtension {
  id: number;
  requestedBy: string;
  reason: string;
  proposedDeadline: string;
}

export interface Item {
  id: number;
  number: string;
  year: number;
  seq: number;
  title: string;
  requirements: string;
  measures: string;
  kind: Kind;
  mode: Mode;
  flagged: boolean;
  important: boolean;
  confidential: boolean;
  sources: ItemSource[];
  leadUnitId: string;
  coopUnitIds: string[];
  leaderId: string;
  responsiblePerson: string;
  /** Calendar date in China, YYYY-MM-DD; the end of that day is the limit. */
  deadline: string;
  originalDeadline: string;
  stages: Stage[];
  progressCycle: ProgressCycle;
  state: ItemState;
  reviewStage: ReviewStage | null;
  pendingExtension: PendingExtension | null;
  mergedIntoId: number | null;
  assignedAt: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  submittedAt: string | null;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** 归档: when it was filed, under which year (closed) and source category; an archived item is read-only. */
  archivedAt?: string | null;
  archiveYear?: number | null;
  archiveCategory?: string | null;
}
