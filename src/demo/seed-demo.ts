import { join, dirname } from 'node:path';
import { leaderOfUnit, listUnits } from '../db/org-repository';
import { findItemByNumber } from '../db/item-repository';
import type { SourceCategory, Mode } from '../domain/item';
import type { LocalClock } from '../local-clock';
import type { Logger } from '../logger';
import type { OutboxWorker } from '../messenger/outbox';
import { type ServiceCommand, applyCommand } from '../services/apply-command';
import type { ServiceContext } from '../services/context';
import { registerItem } from '../services/register-item';

/** The demo's term: registrations from the first week of September; the clock stops on 1 December, 09:30. */
export const DEMO_START = new Date('2026-09-01T08:30:00+08:00');
export const DEMO_END = new Date('2026-12-01T09:30:00+08:00');
export const SUPERVISOR = 'ou_dcs_wang';
export const PRINCIPAL = 'ou_xz_lin';

/** The demo's own database beside the configured one, so trying the demo never touches real data. */
export const demoDatabasePath = (configured: string) => join(dirname(configured), 'demo.db');

const TITLES: Array<[string, string, SourceCategory, string]> = [
  ['修订本科生培养方案', 'jwc', 'committee', '校长办公会纪要〔2026〕15号'],
  ['完成本科教学审核评估自评报告', 'jwc', 'superior', '教育部评估中心通知'],
  ['推进智慧教室改造二期', 'jwc', 'annual_plan', '2026 年工作要点第 12 条'],
  ['建设一流本科课程 20 门', 'jwc', 'annual_plan', '2026 年工作要点第 8 条'],
  ['修订科研经费管理办法', 'kyc', 'committee', '党委常委会 2026 年第 18 次会议'],
  ['组织国家自然科学基金申报培训', 'kyc', 'meeting', '科研工作调度会'],
  ['落实横向项目合同审查制度', 'kyc', 'leader_instruction', '张副校长批示'],
  ['完成人才引进年度计划', 'rsc', 'annual_plan', '2026 年工作要点第 21 条'],
  ['修订教职工年度考核办法', 'rsc', 'committee', '党委常委会 2026 年第 20 次会议'],
  ['规范编外用工管理', 'rsc', 'superior', '省人社厅通知'],
  ['完成年度预算执行中期分析', 'cwc', 'meeting', '财经工作例会'],
  ['推进财务报销无纸化', 'cwc', 'congress', '教代会提案第 7 号'],
  ['做好新生入学教育', 'xgb', 'annual_plan', '2026 年工作要点第 30 条'],
  ['完善家庭经济困难学生认定办法', 'xgb', 'petition', '学生来信'],
  ['开展学生宿舍安全大检查', 'xgb', 'leader_instruction', '周副书记批示'],
  ['优化研究生招生复试办法', 'yjsy', 'committee', '校长办公会纪要〔2026〕17号'],
  ['完成学位点合格评估自评', 'yjsy', 'superior', '国务院学位办通知'],
  ['清查大型仪器设备使用效益', 'gzc', 'superior', '财政部通知'],
  ['完成实验室安全隐患整改', 'gzc', 'leader_instruction', '吴副校长批示'],
  ['推进公房定额管理', 'gzc', 'committee', '党委常委会 2026 年第 19 次会议'],
  ['完成食堂明厨亮灶改造', 'hqbzb', 'petition', '师生关切：食堂卫生'],
  ['解决北区热水供应问题', 'hqbzb', 'petition', '校长信箱'],
  ['完成校园道路维修', 'hqbzb', 'meeting', '后勤工作例会'],
  ['推进一网通办事项上线', 'xxhc', 'annual_plan', '2026 年工作要点第 40 条'],
  ['完成校园网 IPv6 改造', 'xxhc', 'superior', '教育部科技司通知'],
  ['加强网络安全等级保护', 'xxhc', 'superior', '公安厅通知'],
  ['拓展海外合作院校', 'gjc', 'annual_plan', '2026 年工作要点第 45 条'],
  ['规范因公出国（境）管理', 'gjc', 'committee', '校长办公会纪要〔2026〕16号'],
  ['建设人工智能交叉学科平台', 'jsjxy', 'leader_instruction', '李副校长批示'],
  ['完成计算机类专业认证材料', 'jsjxy', 'superior', '工程教育认证协会通知'],
  ['举办学院开放日', 'jsjxy', 'meeting', '招生工作专题会'],
  ['完成古籍整理项目中期检查', 'wxy', 'superior', '全国古籍整理出版规划领导小组通知'],
  ['开展学术道德专题教育', 'wxy', 'meeting', '学风建设专题会'],
  ['推进课程思政示范课建设', 'jwc', 'congress', '教代会提案第 3 号'],
  ['完成科研平台年度考核', 'kyc', 'superior', '科技厅通知'],
  ['落实教职工体检工作', 'rsc', 'congress', '教代会提案第 11 号'],
  ['完成学生资助资金审计整改', 'cwc', 'superior', '审计厅审计意见'],
  ['做好毕业生就业统计核查', 'xgb', 'superior', '教育厅通知'],
  ['推进研究生导师队伍建设', 'yjsy', 'annual_plan', '2026 年工作要点第 25 条'],
  ['整改巡察反馈问题（后勤）', 'hqbzb', 'superior', '巡察反馈意见'],
  ['修订本科生培养方案（合并来源）', 'jwc', 'meeting', '教学工作例会'],
];

/** What happens to each item after registration, in turn: every state, and the paths between them. */
type Fate =
  | 'unsent'
  | 'unclaimed'
  | 'working'
  | 'extended'
  | 'extension_refused'
  | 'extension_pending'
  | 'in_review'
  | 'closed'
  | 'returned_then_closed'
  | 'overdue'
  | 'important_principal'
  | 'cancelled'
  | 'archived';
const FATES: Fate[] = ['working', 'closed', 'overdue', 'extended', 'in_review', 'returned_then_closed', 'unclaimed', 'extension_pending', 'closed', 'working', 'overdue', 'extension_refused', 'important_principal', 'cancelled', 'archived', 'unsent'];
const MODES: Mode[] = ['routine', 'meeting', 'site', 'joint'];

const DAY = 86_400_000;
/** A moment `days` after `from` at the given Beijing time. */
function dayAt(from: Date, days: number, hhmm: string): Date {
  const d = new Date(from.getTime() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);
  return new Date(`${d}T${hhmm}:00+08:00`);
}
const dateOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

interface Step {
  at: Date;
  what: string;
  run: (now: Date) => void;
}

/**
 * A realistic term for the demo: about 40 items across the example units, registered from September on and moved
 * through every state by the people who would do it (claims, progress, extensions asked, granted and refused,
 * completions, a 退回, 销号, a principal's second signature, a cancellation, a merge, an archive), all through the
 * real services, each at its own fixed moment. The simulated clock walks the term between the steps, so every
 * scheduled job (reminders, overdue chases and warnings, digests) runs on each working day as it would have.
 */
export async function seedDemo(d: { ctx: ServiceContext; clock: LocalClock; worker: OutboxWorker; log: Logger }): Promise<{ items: number; steps: number; failed: string[] }> {
  const units = new Map(listUnits(d.ctx.db).map((u) => [u.id, u]));
  const steps: Step[] = [];
  const failed: string[] = [];
  const act = (itemNo: number, actorId: string, command: ServiceCommand) => (now: Date) => {
    const item = findItemByNumber(d.ctx.db, 2026, itemNo);
    if (!item) throw new Error(`no item ${itemNo}`);
    applyCommand(d.ctx, { itemId: item.id, actorId, channel: 'command', command, now });
  };
  TITLES.forEach(([title, unitId, category, ref], i) => {
    const unit = units.get(unitId);
    const leader = leaderOfUnit(d.ctx.db, unitId);
    if (!unit || !leader) return;
    const no = i + 1;
    const fate = i === TITLES.length - 1 ? 'merged' : FATES[i % FATES.length]!;
    const head = unit.headId ?? SUPERVISOR;
    const liaison = unit.liaisonIds[0] ?? head;
    // Registered over the term; the overdue ones early with short deadlines.
    const reg = dayAt(DEMO_START, Math.floor(i * 2), `${String(9 + (i % 3)).padStart(2, '0')}:${String(10 + (i % 40)).padStart(2, '0')}`);
    const span = fate === 'overdue' ? 14 : fate === 'extension_pending' || fate === 'working' ? 40 + (i % 20) : 30 + (i % 25);
    // Most items still open at the end of the demo are within their time (green or yellow); one in five is late.
    const openAtEnd = ['working', 'extended', 'extension_pending', 'extension_refused', 'in_review', 'unclaimed', 'unsent'].includes(fate);
    const byEnd = DEMO_END.getTime() + (2 + (i % 6) * 6) * DAY;
    const deadline = dateOf(new Date(openAtEnd && i % 5 !== 0 ? Math.max(reg.getTime() + span * DAY, byEnd) : reg.getTime() + span * DAY));
    const coop = i % 4 === 0 ? [...units.keys()].filter((k) => k !== unitId)[i % 5]! : undefined;
    steps.push({
      at: reg,
      what: `register ${no}`,
      run: (now) =>
        void registerItem(d.ctx, {
          actorId: i % 3 === 0 ? 'ou_dcs_zhao' : SUPERVISOR,
          channel: 'command',
          duplicates: 'allow',
          now,
          input: {
            title,
            requirements: `按期完成“${title}”，每两周报送一次进展`,
            source: { category, ref },
            mode: MODES[i % MODES.length],
            leadUnitId: unitId,
            coopUnitIds: coop ? [coop] : [],
            leaderId: leader.id,
            deadline,
            important: fate === 'important_principal',
            flagged: i % 7 === 3,
            confidential: i === 9,
            progressCycle: i % 2 ? 'biweekly' : 'none',
          },
        }),
    });
    if (fate === 'unsent') return;
    const who = i % 3 === 0 ? 'ou_dcs_zhao' : SUPERVISOR;
    steps.push({ at: new Date(reg.getTime() + 5 * 60_000), what: `slip ${no}`, run: act(no, who, { type: 'send_slip' }) });
    if (fate === 'merged') {
      steps.push({ at: dayAt(reg, 1, '10:00'), what: `merge ${no}`, run: (now) => {
        const item = findItemByNumber(d.ctx.db, 2026, no)!;
        applyCommand(d.ctx, { itemId: item.id, actorId: SUPERVISOR, channel: 'command', command: { type: 'merge', targetId: findItemByNumber(d.ctx.db, 2026, 1)!.id }, now });
      } });
      return;
    }
    if (fate === 'cancelled') {
      steps.push({ at: dayAt(reg, 3, '15:00'), what: `cancel ${no}`, run: act(no, SUPERVISOR, { type: 'cancel', reason: '上级已撤回该任务' }) });
      return;
    }
    if (fate === 'unclaimed') return;
    steps.push({ at: dayAt(reg, 1, '10:20'), what: `claim ${no}`, run: act(no, i % 2 ? liaison : head, { type: 'claim' }) });
    steps.push({ at: dayAt(reg, 6, '16:00'), what: `progress ${no}`, run: act(no, liaison, { type: 'report_progress', text: '已召开专题会议，形成工作方案并分解任务' }) });
    if (fate === 'overdue') return;
    steps.push({ at: dayAt(reg, 13, '11:00'), what: `progress2 ${no}`, run: act(no, head, { type: 'report_progress', text: '主体工作已完成约六成，正在征求相关单位意见' }) });
    if (fate === 'extended' || fate === 'extension_refused' || fate === 'extension_pending') {
      const proposed = dateOf(new Date(new Date(`${deadline}T00:00:00+08:00`).getTime() + 30 * DAY));
      steps.push({ at: dayAt(reg, 15, '09:40'), what: `extension ${no}`, run: act(no, head, { type: 'request_extension', reason: '需等待上级部门新政策文件出台后定稿', proposedDeadline: proposed }) });
      if (fate === 'extended') steps.push({ at: dayAt(reg, 16, '14:00'), what: `approve ext ${no}`, run: act(no, leader.id, { type: 'approve_extension', note: '同意，请抓紧推进' }) });
      if (fate === 'extension_refused') steps.push({ at: dayAt(reg, 16, '14:00'), what: `refuse ext ${no}`, run: act(no, leader.id, { type: 'reject_extension', note: '时间节点不能后延，请加派人手' }) });
      return;
    }
    if (fate === 'working') return;
    const submit = (days: number, text: string) =>
      steps.push({ at: dayAt(reg, days, '10:30'), what: `submit ${no}`, run: act(no, head, { type: 'submit_completion', selfAssessment: text, materials: [`${title}工作总结.pdf`] }) });
    submit(20, '已按要求完成全部工作，形成总结报告');
    if (fate === 'in_review') return;
    if (fate === 'returned_then_closed') {
      steps.push({ at: dayAt(reg, 21, '15:00'), what: `return ${no}`, run: act(no, leader.id, { type: 'return', reason: '缺少佐证材料，请补充会议纪要', newDeadline: dateOf(new Date(reg.getTime() + (span + 10) * DAY)) }) });
      submit(24, '已补充会议纪要等佐证材料');
    }
    steps.push({ at: dayAt(reg, fate === 'returned_then_closed' ? 25 : 21, '16:00'), what: `approve ${no}`, run: act(no, leader.id, { type: 'approve', note: '同意销号' }) });
    if (fate === 'important_principal') steps.push({ at: dayAt(reg, 22, '16:30'), what: `principal ${no}`, run: act(no, PRINCIPAL, { type: 'approve', note: '同意' }) });
    if (fate === 'archived') steps.push({ at: dayAt(reg, 26, '11:00'), what: `archive ${no}`, run: act(no, SUPERVISOR, { type: 'archive' }) });
  });

  const due = steps.filter((s) => s.at < DEMO_END).sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const s of due) {
    await d.clock.moveTo(s.at);
    try {
      s.run(d.clock.now());
    } catch (err) {
      failed.push(`${s.what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await d.clock.moveTo(DEMO_END);
  await d.worker.drain();
  if (failed.length) d.log.warn({ failed }, 'demo: some steps did not apply');
  return { items: TITLES.length, steps: due.length, failed };
}
