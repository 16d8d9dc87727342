/**
 * The list's page buttons (`list_page`) × every role, through signed requests to the real bot. Every role asks for
 * a list long enough to page (privately and in a unit's group chat); then every role clicks every such list's page
 * buttons. Only the person who asked gets a page, and it holds what they may see now (by hand: world.ts SEES), in a
 * group without any confidential item; everyone else is refused in the same words, naming nothing, and no click
 * changes anything or sends anything. world.ts audits every answer, toast and card for what it names to whom.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_YOUR_LIST } from '../../src/bot/list-pages';
import type { Item } from '../../src/domain/item';
import { WHO } from '../support/fixtures';
import { ROLES, type Role, type World, buildItem, cardText, pageButton, sees, startWorld } from './world';

const GROUP = 'oc_jwc';
let w: World;
const built: Item[] = [];

beforeAll(async () => {
  w = await startWorld();
  // 18 normal and 4 confidential items (lead 教务处, coop 科研处, as the world assumes): more than a page for
  // everyone who may see the normal ones.
  for (let i = 1; i <= 18; i++) built.push(await buildItem(w, `公开分页事项${String(i).padStart(2, '0')}`, { confidential: false, to: 'assigned' }));
  for (let i = 1; i <= 4; i++) built.push(await buildItem(w, `保密分页事项${i}`, { confidential: true, to: 'assigned' }));
  w.expectNoProblems();
}, 60_000);

afterAll(async () => {
  await w?.close();
});

const numbersIn = (content: unknown) => [...cardText(content).matchAll(/督办〔\d{4}〕\d+号/g)].map((m) => m[0]);

/** 全部, newest first, of what the role may see (in a group: of that, only what the group may be shown). */
const expectedAll = (role: Role, inGroup: boolean) =>
  built
    .filter((i) => sees(role, i.confidential) && !(inGroup && i.confidential))
    .sort((a, b) => b.id - a.id)
    .map((i) => i.number);

describe('list page buttons: every role × every list', () => {
  it('only the asker pages, seeing what they may see; everyone else is refused and learns nothing', async () => {
    const failures: string[] = [];
    const check = (ok: boolean, label: string, detail: unknown = '') => {
      if (!ok) failures.push(`${label}${detail === '' ? '' : ` — ${JSON.stringify(detail).slice(0, 300)}`}`);
    };
    w.problems.length = 0;
    const lists: Array<{ asker: Role; inGroup: boolean; messageId: string; card: unknown }> = [];
    for (const asker of ROLES) {
      for (const inGroup of [false, true]) {
        const s = await w.say(WHO[asker], '/督办 列表 全部', inGroup ? { group: GROUP } : {});
        const reply = s.replies[0];
        const label = `${asker} 列表 全部 ${inGroup ? 'in the group' : 'privately'}`;
        if (asker === 'stranger') {
          check(!reply || !pageButton(reply.content, '下一页'), `${label}: no list at all`);
          continue;
        }
        check(s.replies.length === 1 && s.privately.length === 0, `${label}: answered where asked`, s.sent.length);
        const expected = expectedAll(asker, inGroup);
        check(JSON.stringify(numbersIn(reply?.content)) === JSON.stringify(expected.slice(0, 15)), `${label}: page 1`, { got: numbersIn(reply?.content), expected });
        const paged = expected.length > 15;
        check(!!pageButton(reply?.content, '下一页') === paged, `${label}: a 下一页 button only when there is a second page`);
        if (paged) lists.push({ asker, inGroup, messageId: reply!.message_id, card: reply!.content });
      }
    }
    // Every role with a list of its own, privately and in the group (the office, leaders, units, observers, admins).
    check(lists.length === 2 * 9, 'lists to page', lists.map((l) => `${l.asker}${l.inGroup ? '@group' : ''}`));

    let clicks = 0;
    for (const l of lists) {
      const next = pageButton(l.card, '下一页');
      if (!next) continue; // reported above
      const last = pageButton(l.card, '末页') ?? next;
      for (const clicker of ROLES) {
        for (const value of [next, last]) {
          clicks++;
          const outboxBefore = w.lastOutboxId();
          const stateBefore = JSON.stringify(w.state());
          const r = await w.click(WHO[clicker], value, { messageId: l.messageId });
          const label = `${clicker} clicks page ${value.v} of ${l.asker}'s list${l.inGroup ? ' in the group' : ''}`;
          check(JSON.stringify(w.state()) === stateBefore, `${label}: changes nothing`);
          check(w.outboxAfter(outboxBefore).length === 0, `${label}: sends nothing`, w.outboxAfter(outboxBefore).map((m) => m.purpose));
          if (clicker === l.asker) {
            const expected = expectedAll(l.asker, l.inGroup).slice(15, 30);
            check(r.answer.card !== undefined && !r.answer.toast, `${label}: the page in place`, r.answer.toast);
            check(JSON.stringify(numbersIn(r.answer.card?.data)) === JSON.stringify(expected), `${label}: page 2`, { got: numbersIn(r.answer.card?.data), expected });
          } else {
            check(JSON.stringify(r.answer) === JSON.stringify({ toast: { type: 'error', content: NOT_YOUR_LIST } }), `${label}: refused, naming nothing`, r.answer);
          }
        }
      }
    }
    console.log(`list page clicks: ${clicks}`);
    expect([...w.problems, ...failures].slice(0, 80).join('\n')).toBe('');
  }, 120_000);
});
