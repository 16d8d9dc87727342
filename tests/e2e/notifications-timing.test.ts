import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../../src/cards/cards';
import { WHO } from '../support/fixtures';
import { type Bot, startBot } from './harness';

/** Who hears of a new item, and when: answers at once, everyone else within working hours. */
let h: Bot;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.close();
});

const text = (m: { content: unknown }) => textOf(m.content as Record<string, unknown>);

describe('a new item', () => {
  it('is reported to the leader in charge (报送分管校领导), for reading', async () => {
    await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 截止:2026-12-31');
    const copy = h.lastTo(WHO.leader);
    expect(text(copy)).toContain('报送分管校领导');
    expect(text(copy)).toContain('修订本科生培养方案');
  });

  it('registered at 21:00 on a Friday: the registrant is answered at once, the unit gets its 督办单 on Monday at 08:00', async () => {
    h.setNow('2026-11-27', '21:00');
    const r = await h.say(WHO.supervisor, '/督办 新建 修订本科生培养方案 主办:教务处 截止:2026-12-31');
    expect(text(h.repliesTo(r.messageId)[0]!)).toContain('已立项');
    expect(h.sentTo(WHO.unitHead)).toHaveLength(0);
    h.setNow('2026-11-30', '07:59');
    await h.flush();
    expect(h.sentTo(WHO.unitHead)).toHaveLength(0);
    h.setNow('2026-11-30', '08:00');
    await h.flush();
    expect(h.sentTo(WHO.unitHead)).toHaveLength(1);
    expect(text(h.lastTo(WHO.unitHead))).toContain('修订本科生培养方案');
  });
});
