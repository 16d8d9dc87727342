/**
 * One item's whole record as plain text (UTF-8, CRLF line ends so Windows Notepad shows it as written), for the
 * archive folder: its facts, sources, progress reports, extensions, completion submissions, evidence files and
 * every history row with who, when and through which channel. Pure: the caller loads the rows and names.
 */
import { COMMAND_LABELS } from '../domain/commands';
import { CYCLE_LABELS, type Item, type ItemState, KIND_LABELS, MODE_LABELS, SOURCE_LABELS, STATE_LABELS } from '../domain/item';
import type { auditLog, completions, extensions, files, progressReports } from '../db/schema';

export interface ItemRecord {
  item: Item;
  history: Array<typeof auditLog.$inferSelect>;
  progress: Array<typeof progressReports.$inferSelect>;
  extensions: Array<typeof extensions.$inferSelect>;
  completions: Array<typeof completions.$inferSelect>;
  evidence: Array<Pick<typeof files.$inferSelect, 'name' | 'size' | 'sha256' | 'createdBy' | 'createdAt'>>;
}

export interface RecordNames {
  unitName(id: string): string;
  personName(id: string): string;
}

const ACTION_LABELS: Record<string, string> = { ...COMMAND_LABELS, merge_in: '并入事项', add_evidence: '提交佐证材料' };
const CHANNEL_LABELS: Record<string, string> = { command: '指令', card: '卡片', chat: '聊天', scheduler: '定时任务', cli: '命令行', api: '接口', console: '网页' };
const EXTENSION_STATUS: Record<string, string> = { pending: '待审批', approved: '已同意', rejected: '不同意', withdrawn: '已撤回' };
const stateName = (s: string | null) => (s && s in STATE_LABELS ? STATE_LABELS[s as ItemState] : (s ?? ''));

/** YYYY-MM-DD HH:mm in Beijing time. */
export function beijing(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function itemHistoryText(r: ItemRecord, n: RecordNames): string {
  const i = r.item;
  const out: string[] = [];
  const line = (label: string, value: string | null | undefined) => {
    if (value) out.push(`${label}：${value}`);
  };
  out.push(`${i.number}　${i.title}`, '');
  line('状态', STATE_LABELS[i.state]);
  line('归档', i.archiveYear ? `${i.archiveYear}年 · ${SOURCE_LABELS[i.archiveCategory as keyof typeof SOURCE_LABELS] ?? i.archiveCategory ?? ''}（${beijing(i.archivedAt)}）` : '');
  line('类型', KIND_LABELS[i.kind]);
  line('督办方式', MODE_LABELS[i.mode]);
  line('主办单位', n.unitName(i.leadUnitId));
  line('协办单位', i.coopUnitIds.map(n.unitName).join('、'));
  line('分管校领导', n.personName(i.leaderId));
  line('责任人', i.responsiblePerson);
  line('完成时限', i.deadline === i.originalDeadline ? i.deadline : `${i.deadline}（原定 ${i.originalDeadline}）`);
  line('进展报送', i.progressCycle === 'none' ? '' : CYCLE_LABELS[i.progressCycle]);
  line('标记', [i.important ? '重要' : '', i.flagged ? '挂牌' : '', i.confidential ? '涉密' : ''].filter(Boolean).join('、'));
  line('工作要求', i.requirements);
  line('工作措施', i.measures);
  line('登记', `${n.personName(i.createdBy)} ${beijing(i.createdAt)}`);
  line('认领', i.claimedBy ? `${n.personName(i.claimedBy)} ${beijing(i.claimedAt)}` : '');
  line('销号', beijing(i.closedAt));
  const section = (title: string, rows: string[]) => {
    out.push('', `【${title}】${rows.length ? '' : '无'}`, ...rows);
  };
  section('来源', i.sources.map((s) => `- ${SOURCE_LABELS[s.category] ?? s.category}${s.ref ? `：${s.ref}` : ''}${s.mergedFrom ? `（并入自 ${s.mergedFrom}）` : ''}`));
  section(
    '办理进展',
    r.progress.map((p) => `- ${beijing(p.createdAt)} ${[p.unitId ? n.unitName(p.unitId) : '', n.personName(p.authorId)].filter(Boolean).join(' ')}：${p.text}${p.typicalAt ? '（典型经验）' : ''}`),
  );
  section(
    '延期申请',
    r.extensions.map((e) => `- ${beijing(e.createdAt)} ${n.personName(e.requestedBy)} 申请由 ${e.previousDeadline} 延至 ${e.proposedDeadline}，理由：${e.reason}；${EXTENSION_STATUS[e.status] ?? e.status}${e.decidedBy ? `（${n.personName(e.decidedBy)} ${beijing(e.decidedAt)}${e.note ? `：${e.note}` : ''}）` : ''}`),
  );
  section(
    '办结申请',
    r.completions.map((c) => `- ${beijing(c.createdAt)} ${n.personName(c.submittedBy)}：${c.selfAssessment}${c.materials.length ? `\n  佐证材料：${c.materials.join('；')}` : ''}`),
  );
  section('佐证材料文件（见“佐证材料”文件夹）', r.evidence.map((f) => `- ${f.name}（${f.size} 字节，${n.personName(f.createdBy)} ${beijing(f.createdAt)}，SHA-256 ${f.sha256}）`));
  section(
    '办理记录',
    r.history.map((h) => {
      const states = h.fromState && h.toState && h.fromState !== h.toState ? `（${stateName(h.fromState)} → ${stateName(h.toState)}）` : '';
      return `- ${beijing(h.at)} ${n.personName(h.actorId)} ${ACTION_LABELS[h.action] ?? h.action}${states}${h.note ? `：${h.note}` : ''}〔${CHANNEL_LABELS[h.channel] ?? h.channel}〕`;
    }),
  );
  return `${out.join('\r\n')}\r\n`;
}
