/** A local item factory and card context for the card tests (independent of tests/support). */
import { createWorkCalendar } from '../../src/domain/calendar';
import type { Item } from '../../src/domain/item';
import type { CardContext, HistoryRow, ProgressRow } from '../../src/cards/cards';

/** Monday 23 November 2026, 09:00 in Beijing. */
export const NOW = new Date('2026-11-23T09:00:00+08:00');

const UNITS: Record<string, string> = { jwc: '教务处', kyc: '科研处', yjsy: '研究生院', rsc: '人事处' };
const PEOPLE: Record<string, string> = {
  ou_sup: '王督查',
  ou_vp1: '李副校长',
  ou_pres: '张校长',
  ou_head_jwc: '教务处处长',
  ou_liaison_jwc: '教务处联络人',
  ou_head_kyc: '科研处处长',
};

export const calendar = createWorkCalendar();

export function ctx(over: Partial<CardContext> = {}): CardContext {
  return {
    now: NOW,
    calendar,
    unitName: (id) => UNITS[id] ?? id,
    personName: (id) => PEOPLE[id] ?? id,
    ...over,
  };
}

/** 督办〔2026〕17号, in progress, lead 教务处, coop 科研处, leader 李副校长, due 2026-12-31. */
export function item(over: Partial<Item> = {}): Item {
  const deadline = over.deadline ?? '2026-12-31';
  return {
    id: 7,
    number: '督办〔2026〕17号',
    year: 2026,
    seq: 17,
    title: '修订本科生培养方案',
    requirements: '完成 2026 版培养方案修订，12 月底前提交校长办公会审议',
    measures: '',
    kind: 'ledger',
    mode: 'routine',
    flagged: false,
    important: false,
    confidential: false,
    sources: [{ category: 'committee', ref: '校长办公会 2026 年第 12 次会议纪要' }],
    leadUnitId: 'jwc',
    coopUnitIds: ['kyc'],
    leaderId: 'ou_vp1',
    responsiblePerson: '教务处处长',
    deadline,
    originalDeadline: deadline,
    stages: [],
    progressCycle: 'none',
    state: 'in_progress',
    reviewStage: null,
    pendingExtension: null,
    mergedIntoId: null,
    assignedAt: null,
    claimedBy: 'ou_liaison_jwc',
    claimedAt: '2026-09-02T02:00:00.000Z',
    submittedAt: null,
    closedAt: null,
    createdBy: 'ou_sup',
    createdAt: '2026-09-01T01:00:00.000Z',
    updatedAt: '2026-09-02T02:00:00.000Z',
    version: 3,
    ...over,
  };
}

export function historyRow(n: number, over: Partial<HistoryRow> = {}): HistoryRow {
  const at = new Date(Date.UTC(2026, 8, 1, 1) + n * 3_600_000).toISOString();
  return {
    id: n,
    itemId: 7,
    actorId: 'ou_liaison_jwc',
    channel: 'card',
    action: 'report_progress',
    fromState: 'in_progress',
    toState: 'in_progress',
    changes: {},
    note: `第 ${n} 次进展`,
    at,
    ...over,
  };
}

export function progressRow(n: number, over: Partial<ProgressRow> = {}): ProgressRow {
  return {
    id: n,
    itemId: 7,
    unitId: 'jwc',
    authorId: 'ou_liaison_jwc',
    text: `第 ${n} 次进展：完成调研`,
    channel: 'card',
    createdAt: new Date(Date.UTC(2026, 9, 1, 1) + n * 86_400_000).toISOString(),
    typicalBy: null,
    typicalAt: null,
    ...over,
  };
}
