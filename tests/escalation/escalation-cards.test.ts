/** The escalation ladder's cards, held to the card contract (snapshots, documented attributes, {a, id, v}, size). */
import { describe, expect, it } from 'vitest';
import { escalationProposalCard, interviewFormCard, interviewNoticeCard, referralCard } from '../../src/cards/escalation-cards';
import { noticeText } from '../../src/domain/escalation';
import { cardContract } from '../cards/card-contract';
import { buttonLabel, buttonValue, buttonsOf } from '../cards/card-schema';
import { ctx, item } from '../cards/item-fixture';

const overdue = item({ state: 'in_progress', deadline: '2026-11-13' });
const t = noticeText({ school: '西北大学', number: '(2026) 督字 (3) 号', unitName: '教务处', reason: '修订本科生培养方案', when: { date: '2026-11-25', time: '15:00' }, interviewer: '李副校长', place: '行政楼301', issuedDate: '2026-11-23' });

const cards = {
  'form, level 1': interviewFormCard(overdue, ctx(), { level: 1, addressee: '教务处', interviewer: '李副校长', reason: overdue.title }),
  'form, level 2': interviewFormCard(overdue, ctx(), { level: 2, addressee: '教务处', interviewer: '张校长', reason: overdue.title }),
  'notice to the unit head': interviewNoticeCard(overdue, ctx(), t, { level: 1, copy: false, fileReady: false }),
  'copy to a leader': interviewNoticeCard(overdue, ctx(), t, { level: 2, copy: true, fileReady: false }),
  referral: referralCard(overdue, ctx(), { steps: ['一级约谈（(2026) 督字 (3) 号）', '二级约谈（(2026) 督字 (5) 号）'], office: '督查室' }),
  '二级约谈建议': escalationProposalCard(overdue, ctx(), { kind: 'interview2_proposal', waited: 10 }),
  '问责移交建议': escalationProposalCard(overdue, ctx(), { kind: 'referral_proposal', waited: 10 }),
};

cardContract('escalation cards', cards);

describe('escalation card buttons', () => {
  it('the form submits submit_interview naming its level; the proposals carry the next step', () => {
    const submit = buttonsOf(cards['form, level 2']).find((b) => buttonLabel(b) === '签发约谈通知单')!;
    expect(buttonValue(submit)).toEqual({ a: 'submit_interview', id: overdue.id, v: overdue.version });
    expect(JSON.stringify(cards['form, level 2'])).toContain('"initial_option":"interview2"');
    expect(buttonsOf(cards['二级约谈建议']).map((b) => buttonValue(b)?.a)).toEqual(['issue_interview', 'detail']);
    expect(buttonsOf(cards['问责移交建议']).map((b) => buttonValue(b)?.a)).toEqual(['issue_referral', 'detail']);
  });
});
