/**
 * The autumn semester of 2026, scripted through the real services with fixed clocks (09:00 Beijing unless noted):
 * 17 items across 教务处 (jwc), 科研处 (kyc) and 人事处 (rsc). Shared by the statistics tests; what each item is
 * for, and how it counts, is in semester.test.ts.
 */
import type { Item } from '../../src/domain/item';
import { type ServiceCommand, applyCommand } from '../../src/services/apply-command';
import type { ServiceContext } from '../../src/services/context';
import { registerAndSendSlip, registerItem } from '../../src/services/register-item';
import { WHO, at, baseInput } from '../support/fixtures';

export const HEAD = { jwc: 'ou_head_jwc', kyc: 'ou_head_kyc', rsc: 'ou_head_rsc' } as const;
type Unit = keyof typeof HEAD;
const LEADER: Record<Unit, string> = { jwc: WHO.leader, kyc: WHO.leader, rsc: WHO.otherLeader };

export type Key =
  | 'J1' | 'J2' | 'J3' | 'J4' | 'J5' | 'J6' | 'J7'
  | 'K1' | 'K2' | 'K3' | 'K4' | 'K5'
  | 'R1' | 'R2' | 'R3' | 'R4' | 'R5';

export interface Semester {
  ids: Record<Key, number>;
  apply(key: Key, actorId: string, command: ServiceCommand, date: string, time?: string): Item;
}

const TITLES: Record<Key, string> = {
  J1: '完成新生入学教育方案',
  J2: '修订本科专业目录',
  J3: '国庆前后教学检查整改',
  J4: '期中教学质量评估报告',
  J5: '考试安全专项整治',
  J6: '拟议中的课程思政示范课建设',
  J7: '寒假社会实践安排',
  K1: '国家重点研发计划申报组织',
  K2: '科研经费审计问题整改',
  K3: '横向项目合同清理',
  K4: '实验室安全检查（重复登记）',
  K5: '实验室安全隐患排查整治',
  R1: '人才引进专项招聘（已撤销）',
  R2: '职称评审材料复核',
  R3: '教职工年度考核方案',
  R4: '博士后进站管理办法修订',
  R5: '校园招聘会组织工作',
};

export function scriptSemester(ctx: ServiceContext): Semester {
  const ids = {} as Record<Key, number>;
  const send = (key: Key, unit: Unit, deadline: string, date: string, o: { coop?: string[]; confidential?: boolean; slip?: boolean } = {}) => {
    const req = {
      actorId: WHO.supervisor,
      channel: 'command' as const,
      input: baseInput({ title: TITLES[key], leadUnitId: unit, coopUnitIds: o.coop ?? [], leaderId: LEADER[unit], deadline, confidential: o.confidential ?? false }),
      now: at(date),
      duplicates: 'allow' as const,
    };
    ids[key] = (o.slip === false ? registerItem(ctx, req) : registerAndSendSlip(ctx, req)).id;
  };
  const apply = (key: Key, actorId: string, command: ServiceCommand, date: string, time = '09:00') =>
    applyCommand(ctx, { itemId: ids[key], actorId, channel: 'card', command, now: at(date, time) });
  const claim = (key: Key, unit: Unit, date: string) => apply(key, HEAD[unit], { type: 'claim' }, date, '10:00');
  const submit = (key: Key, unit: Unit, date: string, time = '09:00') =>
    apply(key, HEAD[unit], { type: 'submit_completion', selfAssessment: '已完成', materials: ['总结报告'] }, date, time);
  const approve = (key: Key, unit: Unit, date: string, time = '09:00') => apply(key, LEADER[unit], { type: 'approve' }, date, time);
  const extend = (key: Key, unit: Unit, askedOn: string, to: string) =>
    apply(key, HEAD[unit], { type: 'request_extension', reason: '需协调校外单位', proposedDeadline: to }, askedOn);

  // 教务处
  send('J1', 'jwc', '2026-09-30', '2026-09-01');
  claim('J1', 'jwc', '2026-09-01');
  submit('J1', 'jwc', '2026-09-24');
  approve('J1', 'jwc', '2026-09-28');

  send('J2', 'jwc', '2026-12-31', '2026-09-02');
  claim('J2', 'jwc', '2026-09-02');
  submit('J2', 'jwc', '2026-10-14');
  approve('J2', 'jwc', '2026-10-15');

  send('J3', 'jwc', '2026-10-09', '2026-09-03');
  claim('J3', 'jwc', '2026-09-03');
  submit('J3', 'jwc', '2026-10-09', '16:00');
  approve('J3', 'jwc', '2026-10-12');

  send('J4', 'jwc', '2026-10-20', '2026-09-04');
  claim('J4', 'jwc', '2026-09-04');
  submit('J4', 'jwc', '2026-10-23');
  approve('J4', 'jwc', '2026-10-26');

  send('J5', 'jwc', '2026-10-30', '2026-09-05', { confidential: true });
  claim('J5', 'jwc', '2026-09-05');

  send('J6', 'jwc', '2026-11-30', '2026-10-10', { slip: false });

  // 科研处
  send('K1', 'kyc', '2026-10-16', '2026-09-07', { coop: ['rsc'] });
  claim('K1', 'kyc', '2026-09-07');
  extend('K1', 'kyc', '2026-10-10', '2026-11-20');
  apply('K1', LEADER.kyc, { type: 'approve_extension' }, '2026-10-12');
  submit('K1', 'kyc', '2026-11-18');
  approve('K1', 'kyc', '2026-11-20');

  send('K2', 'kyc', '2026-10-23', '2026-09-08');
  claim('K2', 'kyc', '2026-09-08');
  extend('K2', 'kyc', '2026-10-14', '2026-11-30');
  apply('K2', LEADER.kyc, { type: 'reject_extension', note: '理由不充分' }, '2026-10-15');
  submit('K2', 'kyc', '2026-10-27');
  approve('K2', 'kyc', '2026-10-28');

  send('K3', 'kyc', '2026-10-16', '2026-09-09');
  claim('K3', 'kyc', '2026-09-09');
  submit('K3', 'kyc', '2026-10-15');
  apply('K3', LEADER.kyc, { type: 'return', reason: '合同清单不完整', newDeadline: '2026-11-06' }, '2026-10-19');
  submit('K3', 'kyc', '2026-11-05');
  approve('K3', 'kyc', '2026-11-09');

  send('K4', 'kyc', '2026-11-30', '2026-09-10');
  send('K5', 'kyc', '2026-11-30', '2026-09-10', { coop: ['jwc'] });
  claim('K5', 'kyc', '2026-09-11');
  apply('K4', WHO.supervisor, { type: 'merge', targetId: ids.K5 }, '2026-10-20');

  // 人事处
  send('R1', 'rsc', '2026-10-10', '2026-09-11');
  claim('R1', 'rsc', '2026-09-11');
  apply('R1', WHO.supervisor, { type: 'cancel', reason: '上级通知暂停' }, '2026-10-22');

  send('R2', 'rsc', '2026-10-30', '2026-09-14');
  claim('R2', 'rsc', '2026-09-14');
  apply('R2', WHO.supervisor, { type: 'edit', changes: { deadline: '2026-11-13' }, reason: '登记时限有误' }, '2026-10-21');
  submit('R2', 'rsc', '2026-11-12');
  approve('R2', 'rsc', '2026-11-16');

  send('R3', 'rsc', '2026-11-10', '2026-09-15');
  claim('R3', 'rsc', '2026-09-15');
  submit('R3', 'rsc', '2026-11-10', '17:00');
  approve('R3', 'rsc', '2026-11-10', '18:00');

  send('R5', 'rsc', '2026-11-27', '2026-09-16');
  claim('R5', 'rsc', '2026-09-16');
  apply('R5', WHO.supervisor, { type: 'edit', changes: { leadUnitId: 'jwc' }, reason: '转办教务处' }, '2026-11-03');
  claim('R5', 'jwc', '2026-11-03');
  submit('R5', 'jwc', '2026-11-24');
  approve('R5', 'rsc', '2026-11-25');

  send('R4', 'rsc', '2026-12-18', '2026-11-02');
  claim('R4', 'rsc', '2026-11-02');
  extend('R4', 'rsc', '2026-11-20', '2026-12-31');
  apply('R4', LEADER.rsc, { type: 'approve_extension' }, '2026-11-24');

  send('J7', 'jwc', '2027-01-15', '2026-12-28');

  return { ids, apply };
}

/** January 2027: the open items are finished, one is extended, one archived, a new one registered. */
export function scriptJanuary(ctx: ServiceContext, s: Semester) {
  const { apply } = s;
  const submit = (key: Key, unit: Unit, date: string) =>
    apply(key, HEAD[unit], { type: 'submit_completion', selfAssessment: '已完成', materials: [] }, date);
  submit('J5', 'jwc', '2027-01-05');
  apply('J5', LEADER.jwc, { type: 'approve' }, '2027-01-06');
  submit('K5', 'kyc', '2027-01-04');
  apply('K5', LEADER.kyc, { type: 'approve' }, '2027-01-06');
  submit('R4', 'rsc', '2027-01-08');
  apply('R4', LEADER.rsc, { type: 'approve' }, '2027-01-11');
  apply('J7', HEAD.jwc, { type: 'claim' }, '2027-01-04');
  apply('J7', HEAD.jwc, { type: 'request_extension', reason: '寒假推迟', proposedDeadline: '2027-01-29' }, '2027-01-05');
  apply('J7', LEADER.jwc, { type: 'approve_extension' }, '2027-01-06');
  apply('J6', WHO.supervisor, { type: 'send_slip' }, '2027-01-04');
  apply('J1', WHO.supervisor, { type: 'archive' }, '2027-01-10');
  registerAndSendSlip(ctx, {
    actorId: WHO.supervisor,
    channel: 'command',
    input: baseInput({ title: '春季学期开学准备', leadUnitId: 'kyc', coopUnitIds: ['jwc'], deadline: '2027-02-26' }),
    now: at('2027-01-07'),
    duplicates: 'allow',
  });
}
