import type { ItemEdit } from './edit-item';
import type { Item } from './item';

/** Every command that can be applied to an existing item. Registration creates one and is separate. */
export type Command =
  | { type: 'send_slip' }
  | { type: 'claim' }
  | { type: 'report_progress'; text: string }
  | { type: 'request_extension'; reason: string; proposedDeadline: string }
  | { type: 'approve_extension'; note?: string }
  | { type: 'reject_extension'; note?: string }
  | { type: 'submit_completion'; selfAssessment: string; materials: string[] }
  | { type: 'approve'; note?: string }
  | { type: 'return'; reason: string; newDeadline: string }
  | { type: 'merge'; target: Item }
  | { type: 'cancel'; reason: string }
  | { type: 'archive' }
  | { type: 'urge'; note?: string }
  | { type: 'promote' }
  | { type: 'edit'; changes: ItemEdit; reason: string };

export type CommandType = Command['type'];

export const COMMAND_TYPES: readonly CommandType[] = [
  'send_slip',
  'claim',
  'report_progress',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'submit_completion',
  'approve',
  'return',
  'merge',
  'cancel',
  'archive',
  'urge',
  'promote',
  'edit',
];

/** The domain's words for each command, as on buttons and in history. */
export const COMMAND_LABELS: Record<CommandType | 'register', string> = {
  register: '立项登记',
  send_slip: '发送督办单',
  claim: '认领',
  report_progress: '填报进展',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  reject_extension: '不同意延期',
  submit_completion: '申请办结',
  approve: '销号',
  return: '退回',
  merge: '合并',
  cancel: '撤销',
  archive: '归档',
  urge: '催办',
  promote: '列入台账',
  edit: '修改',
};
