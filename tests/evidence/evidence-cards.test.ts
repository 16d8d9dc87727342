/** The evidence lines on the detail and completion-review cards: bounded, each with its 发给我 button, within the card contract. */
import { describe, expect, it } from 'vitest';
import { completionReviewCard, itemDetailCard, textOf } from '../../src/cards/cards';
import { EVIDENCE_SHOWN, type EvidenceFile, formatSize } from '../../src/cards/evidence-view';
import { buttonLabel, buttonValue, buttonsOf } from '../cards/card-schema';
import { cardContract } from '../cards/card-contract';
import { ctx, historyRow, item } from '../cards/item-fixture';

const c = ctx();
const files = (n: number): EvidenceFile[] =>
  Array.from({ length: n }, (_, i) => ({ id: 100 + i, name: `佐证材料第${i + 1}份（${'很长的名字'.repeat(i === 0 ? 30 : 1)}）.pdf`, size: 1536 * (i + 1), createdBy: 'ou_liaison_jwc', createdAt: '2026-11-20T02:00:00.000Z' }));
const sub = { selfAssessment: '已完成', materials: ['总结'], submittedBy: 'ou_head_jwc' };
const reviewed = item({ state: 'under_review', reviewStage: 'leader' });

const cards = {
  'detail with one file': itemDetailCard(item(), { history: [historyRow(1)], progress: [], evidence: files(1) }, c),
  'detail with many files': itemDetailCard(item(), { history: [historyRow(1)], progress: [], evidence: files(EVIDENCE_SHOWN + 2) }, c),
  'review with files': completionReviewCard(reviewed, sub, c, undefined, files(3)),
};
cardContract('evidence card', cards);

describe('evidence on cards', () => {
  it('shows name, size, who and when, newest first, at most EVIDENCE_SHOWN, each with a 发给我 button carrying the file id', () => {
    const card = cards['detail with many files'];
    const text = textOf(card);
    expect(text).toContain(`共 ${EVIDENCE_SHOWN + 2} 个，显示最近 ${EVIDENCE_SHOWN} 个`);
    expect(text).toContain('佐证材料第12份');
    expect(text).not.toContain('佐证材料第1份');
    expect(text).toContain('18.0 KB');
    expect(text).toContain('教务处联络人');
    const sends = buttonsOf(card).filter((b) => buttonLabel(b) === '发给我').map((b) => buttonValue(b));
    expect(sends).toHaveLength(EVIDENCE_SHOWN);
    expect(sends[0]).toEqual({ a: 'send_evidence', id: item().id, v: 111 });
  });

  it('says nothing about evidence when there is none', () => {
    const card = itemDetailCard(item(), { history: [], progress: [], evidence: [] }, c);
    expect(textOf(card)).not.toContain('佐证材料');
    expect(buttonsOf(card).map(buttonLabel)).not.toContain('发给我');
    expect(textOf(completionReviewCard(reviewed, sub, c))).not.toContain('已上传的材料文件');
  });

  it('clips a long name and formats sizes people read', () => {
    expect(textOf(cards['detail with one file'])).toContain('…');
    expect([formatSize(900), formatSize(1536), formatSize(3 * 1024 * 1024)]).toEqual(['900 B', '1.5 KB', '3.0 MB']);
  });
});
