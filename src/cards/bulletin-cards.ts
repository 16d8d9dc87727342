/** Cards about a 督查通报: the draft with 发布 / 修改后上传 / 作废 for the supervisor, and its later states. */
import bulletinDraft from '../../cards/bulletin-draft.json' with { type: 'json' };
import { BULLETIN_STATE_LABELS } from '../domain/bulletin';
import { clip, fitCard } from './format';
import { inline } from './item-view';
import { render } from './render';
import type { Card } from './types';

export interface BulletinCardView {
  bulletinId: number;
  number: string;
  state: keyof typeof BULLETIN_STATE_LABELS;
  /** 2026年9–10月 */
  periodLabel: string;
  /** The school's line: 应办结 12 项，已办结 9 项，… */
  totals: string;
  fileName: string | null;
  /** What happened (已发布给 23 人 …), shown in grey. */
  note?: string;
}

const COLORS = { draft: 'blue', published: 'green', void: 'grey' } as const;

export function bulletinCard(v: BulletinCardView): Card {
  return fitCard(() =>
    render<Card>(
      bulletinDraft,
      {
        bulletinId: v.bulletinId,
        number: v.number,
        stateLabel: BULLETIN_STATE_LABELS[v.state],
        color: COLORS[v.state],
        summary: `${v.number}（${BULLETIN_STATE_LABELS[v.state]}）：${v.periodLabel}`,
        period: inline(v.periodLabel, 60),
        totals: clip(v.totals, 300),
        fileName: v.fileName ? inline(v.fileName, 120) : '',
        note: inline(v.note, 300),
        draft: v.state === 'draft',
        confirmText: `发布后将发送给通报对象并抄送纪委办、监察处、组织部，不能撤回。`,
      },
      'bulletin-draft',
    ),
  );
}
