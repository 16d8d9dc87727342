/**
 * The statistics buttons for every role (they carry no item, so the permission matrix leaves them to this file):
 * each of 返回统计 / 明细 / 查看事项 / 导出 Excel on the school, on 教务处 (whose overdue item is confidential) and on
 * 科研处, clicked through signed callbacks. Allowed exactly as README 统计 says; a refusal names nothing; the secret
 * item's title reaches only the people of that item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StatsAction, packStats } from '../../src/cards/stats-cards';
import type { Figure } from '../../src/domain/statistics';
import { unitRowIds } from '../../src/db/stats-repository';
import { type Bot, startBot } from '../e2e/harness';
import { WHO } from '../support/fixtures';
import { scriptSemester } from './semester';

let h: Bot;
let keys: Map<string, number>;
beforeAll(async () => {
  h = await startBot();
  scriptSemester(h.bot.ctx);
  h.setNow('2027-01-20');
  await h.flush();
  keys = unitRowIds(h.db);
}, 60_000);
afterAll(async () => {
  await h.close();
});

type Role = keyof typeof WHO;
const SCHOOL: Role[] = ['supervisor', 'leader', 'otherLeader', 'principal', 'admin'];
/** The units each role answers for (TEST_ORG). */
const OWN: Partial<Record<Role, string>> = { unitHead: 'jwc', liaison: 'jwc', coopHead: 'kyc', otherUnitHead: 'rsc' };
/** Who may read the confidential J5 (教务处's, leader 李副校长): the office, its leader, principals, 教务处's people. */
const READS_SECRET: Role[] = ['supervisor', 'leader', 'principal', 'unitHead', 'liaison'];

function allowed(role: Role, a: StatsAction, unit: string | null): boolean {
  if (role === 'stranger') return false;
  if (a === 'stats_overview' || a === 'stats_excel') return true;
  if (SCHOOL.includes(role)) return true;
  return unit !== null && OWN[role] === unit;
}

describe('statistics buttons × every role', { timeout: 120_000 }, () => {
  it('allows exactly what README 统计 says, and shows the secret item only to its people', async () => {
    const problems: string[] = [];
    const cases: Array<[StatsAction, string | null, Figure | null]> = [
      ['stats_overview', null, null],
      ['stats_unit', null, null],
      ['stats_unit', 'jwc', null],
      ['stats_unit', 'kyc', null],
      ['stats_items', null, 'overdue'],
      ['stats_items', 'jwc', 'overdue'],
      ['stats_items', 'kyc', 'inHand'],
      ['stats_excel', null, null],
    ];
    for (const role of Object.keys(WHO) as Role[]) {
      for (const [a, unit, figure] of cases) {
        const v = packStats({ from: '2026-09-01', to: '2026-10-31', unitKey: unit ? keys.get(unit)! : 0, figure })!;
        const before = h.fake.sent.length;
        const r = await h.click(WHO[role], { a, id: 0, v });
        const answer = JSON.stringify(r.answer);
        const label = `${role} ${a} ${unit ?? '全校'} ${figure ?? ''}`;
        // A card naming a secret item, clicked on a card not known to be private, comes privately instead.
        const privately = h.fake.sent.slice(before).some((m) => m.receive_id === WHO[role] && m.msg_type === 'interactive');
        const ok = a === 'stats_excel' ? r.answer.toast?.type === 'info' : !!r.answer.card || privately;
        if (ok !== allowed(role, a, unit)) problems.push(`${label}: ${ok ? 'allowed' : 'refused'} — ${answer.slice(0, 160)}`);
        // J5 is 教务处's overdue item in 9–10月: its title only to those who may read it, wherever it would show.
        const shown = answer + JSON.stringify(h.fake.sent.slice(before).map((m) => m.content));
        if (shown.includes('考试安全专项整治') && !READS_SECRET.includes(role)) problems.push(`${label}: names the secret item`);
        if (ok && figure === 'overdue' && !shown.includes('考试安全专项整治') && READS_SECRET.includes(role)) problems.push(`${label}: the secret item is missing for its reader`);
        if (!ok && /教务处|科研处|在办 \d/.test(r.answer.toast?.content ?? '')) problems.push(`${label}: the refusal tells figures`);
      }
    }
    expect(problems).toEqual([]);
  });
});
