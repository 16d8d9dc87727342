/**
 * The cards of the escalation ladder's last steps: the form that issues a 约谈通知单, the notice as the unit head
 * and the copied leaders see it, the scheduler's proposals (二级约谈建议, 问责移交建议) to the office, and the
 * referral to the observers. Templates under `cards/`; buttons carry only {a, id, v}.
 */
import escalationNotice from '../../cards/escalation-notice.json' with { type: 'json' };
import escalationProposal from '../../cards/escalation-proposal.json' with { type: 'json' };
import interviewForm from '../../cards/interview-form.json' with { type: 'json' };
import { type NoticeText, type ProposalKind, noticeSentence } from '../domain/escalation';
import type { Item } from '../domain/item';
import { fitCard } from './format';
import { inline, itemFacts } from './item-view';
import { type View, render } from './render';
import type { Card, CardContext } from './types';

const TEMPLATES = {
  'interview-form': interviewForm,
  'escalation-notice': escalationNotice,
  'escalation-proposal': escalationProposal,
} as const;

const renderEscalation = (name: keyof typeof TEMPLATES, view: View): Card => render<Card>(TEMPLATES[name], view, name);

/** The form behind 签发约谈通知: time, place, 约谈人 and the reason, the last two prefilled. */
export function interviewFormCard(item: Item, c: CardContext, o: { level: 1 | 2; addressee: string; interviewer: string; reason: string }): Card {
  return fitCard((k) =>
    renderEscalation('interview-form', {
      ...itemFacts(item, c, k),
      levelLabel: o.level === 1 ? '一级' : '二级',
      levelOption: o.level === 1 ? '一级约谈（分管校领导约谈单位负责人）' : '二级约谈（书记、校长约谈单位主要负责人）',
      levelValue: o.level === 1 ? 'interview1' : 'interview2',
      whoNote: o.level === 1 ? '一级约谈由分管校领导与单位负责人进行。' : '二级约谈由书记或校长与单位主要负责人进行。',
      addressee: o.addressee,
      interviewer: o.interviewer,
      reason: o.reason,
    }),
  );
}

/** The notice as a card: to the unit head (the addressee), or a copy to a leader (抄送：校领导). */
export function interviewNoticeCard(item: Item, c: CardContext, t: NoticeText, o: { level: 1 | 2; copy: boolean; fileReady: boolean }): Card {
  const heading = o.copy ? `【抄送】${o.level === 1 ? '一级' : '二级'}约谈通知单` : `督办工作约谈通知单（${o.level === 1 ? '一级' : '二级'}）`;
  return fitCard((k) =>
    renderEscalation('escalation-notice', {
      ...itemFacts(item, c, k),
      heading,
      docNumber: t.number,
      summary: `${o.copy ? '抄送：' : ''}约谈通知 ${t.number}：${t.year}年${t.month}月${t.day}日${t.time} ${inline(t.place, 20)}`,
      copyNote: o.copy ? `抄送：校领导。送达${t.addressee}。` : '',
      addressee: t.addressee,
      sentence: `${noticeSentence(t)}\n特此通知。`,
      fileNote: o.fileReady ? '约谈通知单（Word 文件）见下一条消息。' : '约谈通知单（Word 文件）随后发送。',
    }),
  );
}

/** The referral as the observers (纪委办、监察处、组织部) receive it. */
export function referralCard(item: Item, c: CardContext, o: { steps: string[]; office: string }): Card {
  return fitCard((k) =>
    renderEscalation('escalation-notice', {
      ...itemFacts(item, c, k),
      heading: '督办事项问责移交',
      docNumber: item.number,
      summary: `问责移交：${item.number} ${inline(item.title, 30)}`,
      copyNote: '',
      addressee: '纪委办公室、监察处、组织部',
      sentence: `${inline(item.title, 60)}经催办、${o.steps.join('、')}后仍未办结，依据督办工作办法第七条，现由${o.office}移交，请依据有关规定处理。`,
      fileNote: '事项情况及全部办理记录（Word 文件）见下一条消息。',
    }),
  );
}

/** 二级约谈建议 / 问责移交建议 to the office. */
export function escalationProposalCard(item: Item, c: CardContext, o: { kind: ProposalKind; waited: number }): Card {
  const second = o.kind === 'interview2_proposal';
  return fitCard((k) =>
    renderEscalation('escalation-proposal', {
      ...itemFacts(item, c, k),
      proposalLabel: second ? '二级约谈建议' : '问责移交建议',
      why: second ? `一级约谈已过 ${o.waited} 个工作日，事项仍未办结，建议由书记或校长约谈` : `二级约谈已过 ${o.waited} 个工作日，事项仍未办结，建议移交问责`,
      rule: second
        ? '按照督办工作办法，由党委办公室、校长办公室协调校党委书记或校长向相关单位发送督办约谈通知单，与单位主要负责人进行约谈，并责成整改。'
        : '按照督办工作办法，约谈后仍不能按时、按要求完成的，依据有关规定对相关责任人员进行责任追究。移交后，纪委办、监察处、组织部将收到事项情况及全部办理记录。',
      action: second ? 'issue_interview' : 'issue_referral',
      actionLabel: second ? '签发二级约谈通知' : '移交问责',
      summary: second ? `建议二级约谈：${item.number}` : `建议移交问责：${item.number}`,
    }),
  );
}
