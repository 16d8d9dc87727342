/** The 督查通报 cards and the detail card's 典型经验 buttons, held to the card contract (snapshots, attributes, {a, id, v}). */
import { describe, expect, it } from 'vitest';
import { bulletinCard } from '../../src/cards/bulletin-cards';
import { itemDetailCard } from '../../src/cards/cards';
import { cardContract } from '../cards/card-contract';
import { buttonLabel, buttonValue, buttonsOf } from '../cards/card-schema';
import { ctx, item, progressRow } from '../cards/item-fixture';

const view = {
  bulletinId: 7,
  number: '督查通报〔2026〕第3期',
  periodLabel: '2026年9–10月',
  totals: '在办 14 项，应办结 6 项，已办结 5 项，逾期未办结 1 项；办结率 83.3%，按时办结率 50.0%',
  fileName: '督查通报〔2026〕第3期.docx',
};
const progress = [progressRow(1), progressRow(2, { typicalBy: 'ou_sup', typicalAt: '2026-11-20T01:00:00.000Z' })];
const detail = (marks: boolean) => itemDetailCard(item({ state: 'in_progress' }), { history: [], progress }, ctx(), true, marks);

const cards = {
  draft: bulletinCard({ ...view, state: 'draft', note: '草稿已生成' }),
  published: bulletinCard({ ...view, state: 'published', note: '已发布：发送 12 人，抄送 3 人' }),
  void: bulletinCard({ ...view, state: 'void', note: '已作废，编号不再使用' }),
  'detail for the office': detail(true),
};

cardContract('bulletin and 典型经验 cards', cards);

describe('buttons', () => {
  it('a draft offers 发布 / 修改后上传 / 作废 carrying the bulletin id; a published or voided one nothing', () => {
    expect(buttonsOf(cards.draft).map((b) => [buttonLabel(b), buttonValue(b)])).toEqual([
      ['发布', { a: 'publish_bulletin', id: 0, v: 7 }],
      ['修改后上传', { a: 'upload_bulletin', id: 0, v: 7 }],
      ['作废', { a: 'void_bulletin', id: 0, v: 7 }],
    ]);
    expect(buttonsOf(cards.published)).toEqual([]);
    expect(buttonsOf(cards.void)).toEqual([]);
  });

  it('the office sees a mark button per progress report (on or off as it stands); others see only the mark', () => {
    const marks = buttonsOf(cards['detail for the office']).filter((b) => buttonValue(b)?.a === 'mark_typical');
    expect(marks.map((b) => [buttonLabel(b), buttonValue(b)!.v])).toEqual([
      ['标为典型经验', progress[0]!.id],
      ['取消典型经验', progress[1]!.id],
    ]);
    const plain = detail(false);
    expect(buttonsOf(plain).some((b) => buttonValue(b)?.a === 'mark_typical')).toBe(false);
    expect(JSON.stringify(plain)).toContain('⭐ 典型经验');
  });
});
