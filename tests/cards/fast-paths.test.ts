/**
 * The builders' shortcuts say exactly what the code they replaced said: each is checked against that code (kept
 * here as the reference) over many inputs, and the remembered values are shown to follow a changed input.
 */
import { describe, expect, it } from 'vitest';
import { chinaDate, civilFromDays, createWorkCalendar, isoDateOfUtc } from '../../src/domain/calendar';
import { clip, formatDate, formatTime } from '../../src/cards/format';
import { listCard, slipCard, textOf } from '../../src/cards/cards';
import { BUDGET, budget, inline } from '../../src/cards/item-view';
import { ctx, item } from './item-fixture';

const DAY_MS = 86_400_000;

/** The code the shortcuts replaced, as it was. */
const reference = {
  isoDate: (t: number) => new Date(t).toISOString().slice(0, 10),
  formatDate(date: string): string {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
  },
  formatTime(iso: string): string {
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return iso;
    const s = new Date(t + 8 * 3_600_000).toISOString();
    return `${reference.formatDate(s.slice(0, 10))} ${s.slice(11, 16)}`;
  },
  clip(text: string | null | undefined, max: number): string {
    const t = (text ?? '').trim();
    const chars = Array.from(t);
    return chars.length <= max ? t : `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
  },
};

/** The outcome of a call, a thrown error's class included, so "both throw" compares equal. */
const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch (e) {
    return { threw: (e as Error).constructor.name };
  }
};

// Instants from year 0 to past 10000: every 7 h 13 min over the years the cards meet, sparser elsewhere, and the
// edges of the four-digit years and of the Date range.
const instants: number[] = [];
for (let t = Date.UTC(1969, 0, 1); t < Date.UTC(2101, 0, 1); t += 7 * 3_600_000 + 13 * 60_000 + 17) instants.push(t);
for (let t = -62_200_000_000_000; t < 260_000_000_000_000; t += 997 * 3_600_000 + 1) instants.push(t);
for (const edge of [Date.UTC(1000, 0, 1), Date.UTC(10_000, 0, 1), 0, 8.64e15]) {
  for (const d of [-8 * 3_600_000 - 1, -8 * 3_600_000, -1, 0, 1]) instants.push(edge + d);
}
instants.push(NaN, -8.64e15, 8.64e15 + 1);

describe('date shortcuts', () => {
  it('isoDateOfUtc writes the date of every instant as toISOString does (and throws where it throws)', () => {
    const diffs = instants.filter((t) => JSON.stringify(outcome(() => isoDateOfUtc(t))) !== JSON.stringify(outcome(() => reference.isoDate(t))));
    expect(diffs).toEqual([]);
  });

  it('civilFromDays counts days across leap years and centuries', () => {
    expect(civilFromDays(0)).toEqual([1970, 1, 1]);
    expect(civilFromDays(-1)).toEqual([1969, 12, 31]);
    expect(civilFromDays(Date.UTC(2000, 1, 29) / DAY_MS)).toEqual([2000, 2, 29]);
    expect(civilFromDays(Date.UTC(2100, 2, 1) / DAY_MS)).toEqual([2100, 3, 1]);
  });

  it('formatTime writes every instant as before, odd inputs included', () => {
    const isos = instants.filter((t) => Math.abs(t) <= 8.64e15).map((t) => new Date(t).toISOString());
    isos.push('', 'x', '2026-11-20', '2026-11-20T10:15', '2026-11-20T10:15:00+08:00', 'Fri, 20 Nov 2026 02:15:00 GMT', '+275760-09-13T00:00:00.000Z', '0999-12-31T16:00:00.000Z', '9999-12-31T15:59:59.999Z', '9999-12-31T16:00:00.000Z');
    // Written like toISOString but not all of them instants: out-of-range fields, leap days, the ends of months.
    isos.push('2026-02-29T10:00:00.000Z', '2028-02-29T16:00:00.000Z', '2100-02-28T16:00:00.000Z', '2000-02-29T15:59:59.999Z', '2026-13-01T00:00:00.000Z', '2026-00-10T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-11-20T24:00:00.000Z', '2026-11-20T23:60:00.000Z', '2026-11-20T23:59:60.000Z', '2026-11-20T10:15:00.000z', '2026-11-20 10:15:00.000Z', '2026-11-20T10:15:00.000+', '2026-12-31T16:00:00.000Z', '1000-01-01T00:00:00.000Z', '0999-12-31T15:59:59.999Z', '2026-11-2OT10:15:00.000Z');
    const diffs = isos.filter((s) => JSON.stringify(outcome(() => formatTime(s))) !== JSON.stringify(outcome(() => reference.formatTime(s))));
    expect(diffs).toEqual([]);
    expect(formatTime('2026-11-20T02:15:00.000Z')).toBe('2026年11月20日 10:15');
  });

  it('formatDate reads the same dates as its pattern did', () => {
    const dates = ['2026-12-31', '2026-01-05', '0000-00-00', '2026-12-31T00:00:00Z', '2026-12-3', '2026/12/31', '２０２６-12-31', '2026-1a-31', '', '-2026-12-31', '20261-2-31', ' 2026-12-31', '9999-99-99xyz'];
    for (const d of dates) expect(formatDate(d), d).toBe(reference.formatDate(d));
  });

  it("chinaDate follows the instant, not the Date object it was asked with", () => {
    const now = new Date('2026-11-23T15:59:59.999Z');
    expect(chinaDate(now)).toBe('2026-11-23');
    now.setTime(now.getTime() + 1);
    expect(chinaDate(now)).toBe('2026-11-24');
    expect(chinaDate(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23');
    expect(() => chinaDate(new Date(NaN))).toThrow(RangeError);
    expect(chinaDate(new Date('2027-01-01T00:00:00+08:00'))).toBe('2027-01-01');
  });
});

describe('clip', () => {
  it('cuts as before: by code points, trimmed, with …', () => {
    const texts = ['', '  a  ', '修订本科生培养方案', '😀😀😀😀😀', 'a😀b😀c😀d', '　全角空格　', 'abc def ghi', null, undefined];
    for (const t of texts) for (const max of [0, 1, 2, 3, 4, 5, 8, 10, 100, NaN]) expect(clip(t, max), `${t} ${max}`).toBe(reference.clip(t, max));
  });
});

describe('cards drawn again for a later moment or another calendar', () => {
  it('a slip redrawn when `now` moves on shows the new working days left', () => {
    const it1 = item({ deadline: '2026-11-27' });
    const monday = textOf(slipCard(it1, ctx(), 'lead'));
    const thursday = textOf(slipCard(it1, ctx({ now: new Date('2026-11-26T09:00:00+08:00') }), 'lead'));
    const late = textOf(slipCard(it1, ctx({ now: new Date('2026-12-01T09:00:00+08:00') }), 'lead'));
    expect(monday).toContain('剩余 4 个工作日');
    expect(thursday).toContain('剩余 1 个工作日');
    expect(late).toContain('逾期 2 个工作日');
    expect(late).toContain('已逾期，请尽快办结');
  });

  it('a list counts working days with the calendar it is given', () => {
    const items = [item({ deadline: '2026-11-27' })];
    const plain = textOf(listCard('待办', items, ctx()));
    const withHoliday = textOf(listCard('待办', items, ctx({ calendar: createWorkCalendar({ holidays: ['2026-11-25'] }) })));
    expect(plain).toContain('剩余 4 个工作日');
    expect(withHoliday).toContain('剩余 3 个工作日');
  });
});

describe('inline', () => {
  it('collapses whitespace as before', () => {
    const ref = (t: string | null | undefined, max: number) => reference.clip((t ?? '').replace(/\s+/g, ' '), max);
    const texts = ['', ' ', '  ', 'a b', 'a  b', 'a\nb', 'a \n b', '\ta', 'a\t', '全角　空格', '第 1 次进展', ' 两端 ', 'a\u00a0b', 'a\u2028b', 'a \u00a0b', '\r\n', null, undefined];
    for (const t of texts) for (const max of [1, 3, 100]) expect(inline(t, max), JSON.stringify(t)).toBe(ref(t, max));
  });
});

describe('budget', () => {
  it('scales every length by k, whichever k was asked before', () => {
    for (const k of [1, 0.5, 0.25, 0.12, 1, 0.3, 0.5, 2, 0]) {
      for (const [key, base] of Object.entries(BUDGET)) expect(budget(k)[key as keyof typeof BUDGET], `${key} ${k}`).toBe(Math.max(10, Math.floor(base * k)));
    }
  });

  it('hands out tables no caller can change for the next', () => {
    expect(Object.isFrozen(budget(1))).toBe(true);
    expect(() => {
      (budget(1) as { title: number }).title = 5;
    }).toThrow(TypeError);
    expect(budget(1).title).toBe(200);
  });
});
