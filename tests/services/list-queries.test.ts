/**
 * `/督办 列表` with filters, counted and paged in SQL (services/item-queries.ts listPageForActor), against a
 * reference written here in plain code from the domain's own rules: canView for who may see an item,
 * deadlineStatus for its light, the scopes as DOMAIN.md describes them, and namesConfidential for what a group may
 * be shown. Every person × every scope × a set of filters × in a group or not, over items of many shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole, unitsOf } from '../../src/domain/actor';
import { deadlineStatus } from '../../src/domain/deadline';
import { namesConfidential } from '../../src/domain/disclosure';
import { type Item, type ItemState, ItemStates, OPEN_STATES } from '../../src/domain/item';
import { canView } from '../../src/domain/permissions';
import { confidentialMarks, findItem, insertItem } from '../../src/db/item-repository';
import { loadActor } from '../../src/db/org-repository';
import { extensions } from '../../src/db/schema';
import { type ListFilters, type ListQuery, ListScopes, awaitsDecisionBy, lightRanges, listPageForActor } from '../../src/services/item-queries';
import { makeItem } from '../support/items';
import { type TestDb, WHO, at, openTestDb } from '../support/fixtures';

let t: TestDb;
const NOW = at('2026-11-23');
let all: Item[] = [];

const UNITS = ['jwc', 'kyc', 'rsc'] as const;
const LEADERS = [WHO.leader, WHO.otherLeader];
const DEADLINES = ['2026-11-10', '2026-11-20', '2026-11-23', '2026-11-24', '2026-11-26', '2026-11-27', '2026-11-30', '2026-12-31'];
const TITLES = ['修订培养方案', '校园安全', '校园安全隐患排查', 'AI Lab 建设', '科研经费管理', '人事制度改革'];

/** 160 items cycling through units, leaders, states, review stages, deadlines, years, titles and confidentiality. */
beforeAll(() => {
  t = openTestDb();
  t.db.transaction((tx) => {
    for (let i = 0; i < 160; i++) {
      const state = ItemStates[i % ItemStates.length]!;
      const { id: _i, number: _n, year: _y, seq: _s, version: _v, pendingExtension: _p, ...data } = makeItem({
        title: `${TITLES[i % TITLES.length]}${i % 3 ? '' : ` 第${i}项`}`,
        leadUnitId: UNITS[i % 3]!,
        coopUnitIds: i % 4 === 0 ? [UNITS[(i + 1) % 3]!] : i % 4 === 1 ? [UNITS[(i + 1) % 3]!, UNITS[(i + 2) % 3]!] : [],
        leaderId: LEADERS[i % 2]!,
        createdBy: i % 9 === 0 ? WHO.admin : WHO.supervisor,
        state,
        reviewStage: state === 'under_review' ? (i % 2 ? 'principal' : 'leader') : null,
        confidential: i % 11 === 0 || i === 1,
        deadline: DEADLINES[i % DEADLINES.length]!,
      });
      const item = insertItem(tx, { ...data, originalDeadline: data.deadline }, i % 5 === 0 ? 2025 : 2026);
      if (i % 6 === 2) {
        tx.insert(extensions)
          .values({ itemId: item.id, requestedBy: WHO.unitHead, reason: '原因', previousDeadline: item.deadline, proposedDeadline: '2027-01-31', status: 'pending', createdAt: NOW.toISOString() })
          .run();
      }
    }
  });
  all = (t.db.$client.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[]).map((id) => findItem(t.db, id)!);
});
afterAll(() => t.close());

const DONE: ItemState[] = ['closed', 'archived'];
const open = (i: Item) => OPEN_STATES.includes(i.state);

/** The reference: which items a list holds, in order, for a person. */
function reference(actorId: string, q: ListQuery, inGroup: boolean): { shown: Item[]; hidden: number } {
  const actor = loadActor(t.db, actorId);
  const units = unitsOf(actor);
  const f = q.filters;
  const involves = (i: Item, us: readonly string[]) => us.includes(i.leadUnitId) || i.coopUnitIds.some((u) => us.includes(u));
  const light = (i: Item) => deadlineStatus(i, NOW, t.ctx.calendar, 3).light;
  const inScope = (i: Item) => {
    switch (q.scope) {
      case 'mine':
        return i.leaderId === actor.id || i.createdBy === actor.id || involves(i, units) || awaitsDecisionBy(i, actor);
      case 'unit':
        return involves(i, units);
      case 'overdue':
        return open(i) && light(i) === 'red';
      case 'review':
        return (i.state === 'under_review' || i.state === 'in_progress') && (awaitsDecisionBy(i, actor) || (hasRole(actor, 'supervisor') && i.state === 'under_review'));
      case 'all':
        return true;
    }
  };
  const stateOk = (i: Item) => {
    if (f.states?.length) return f.states.includes(i.state);
    if (f.closed === 'only') return DONE.includes(i.state);
    if (q.scope === 'all') return true;
    return open(i) || (f.closed === 'include' && DONE.includes(i.state));
  };
  const visible = all.filter(
    (i) =>
      canView(actor, i) &&
      inScope(i) &&
      stateOk(i) &&
      (!f.lights?.length || (open(i) && f.lights.includes(light(i) as 'red'))) &&
      (!f.unitIds?.length || involves(i, f.unitIds)) &&
      (f.year === undefined || i.year === f.year) &&
      (!f.keyword || i.title.toLowerCase().includes(f.keyword.toLowerCase())),
  );
  const marks = confidentialMarks(t.db);
  const shown = inGroup ? visible.filter((i) => !i.confidential && !namesConfidential(`${i.number}\n${i.title}`, marks)) : visible;
  // Order: 全部 and lists of closed items only newest first; the rest by deadline, open items first.
  const eff = ItemStates.filter((st) => stateOk({ state: st } as Item));
  const effective = (q.scope === 'overdue' || q.scope === 'review' || f.lights?.length ? eff.filter((st) => OPEN_STATES.includes(st)) : eff).filter(
    (st) => q.scope !== 'review' || st === 'under_review' || st === 'in_progress',
  );
  const newestFirst = q.scope === 'all' || effective.every((st) => !OPEN_STATES.includes(st));
  const withDone = !newestFirst && effective.some((st) => !OPEN_STATES.includes(st));
  shown.sort((a, b) => {
    if (withDone && open(a) !== open(b)) return open(a) ? -1 : 1;
    if (newestFirst) return b.id - a.id;
    return a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : b.id - a.id;
  });
  return { shown, hidden: visible.length - shown.length };
}

const FILTERS: ListFilters[] = [
  {},
  { lights: ['red'] },
  { lights: ['yellow'] },
  { lights: ['green'] },
  { lights: ['red', 'yellow'] },
  { states: ['in_progress'] },
  { states: ['closed', 'archived'] },
  { states: ['under_review', 'cancelled'] },
  { unitIds: ['kyc'] },
  { unitIds: ['jwc', 'rsc'] },
  { year: 2025 },
  { keyword: '校园安全' },
  { keyword: 'ai lab' },
  { closed: 'only' },
  { closed: 'include' },
  { closed: 'include', unitIds: ['jwc'], year: 2026 },
  { lights: ['green'], keyword: '培养', unitIds: ['kyc'] },
  { states: ['assigned', 'registered'], year: 2026, keyword: '第' },
];

const PEOPLE = Object.entries(WHO) as Array<[string, string]>;

describe('listPageForActor against the reference', () => {
  // One test per person: each walks 5 scopes × 18 filters × in a group or not, every page (~180 lists, ~400 pages),
  // so that no single test holds the whole matrix against one timeout on a loaded machine.
  let lists = 0;
  let nonEmpty = 0;
  let withHidden = 0;
  for (const [who, id] of PEOPLE) {
    it(`${who}: holds what the reference holds, in its order, on every page; counts hidden as the reference does`, () => {
      const problems: string[] = [];
      for (const scope of ListScopes) {
        for (const filters of FILTERS) {
          for (const inGroup of [false, true]) {
            const q = { scope, filters };
            const ref = reference(id, q, inGroup);
            const pageSize = 7;
            const label = `${who} ${scope} ${JSON.stringify(filters)}${inGroup ? ' in a group' : ''}`;
            const got: number[] = [];
            const first = listPageForActor(t.ctx, id, q, NOW, { page: 1, pageSize, inGroup });
            lists++;
            if (ref.shown.length) nonEmpty++;
            if (ref.hidden) withHidden++;
            if (first.total !== ref.shown.length) problems.push(`${label}: total ${first.total}, expected ${ref.shown.length}`);
            if (first.hidden !== ref.hidden) problems.push(`${label}: hidden ${first.hidden}, expected ${ref.hidden}`);
            for (let p = 1; p <= first.pages; p++) {
              const page = listPageForActor(t.ctx, id, q, NOW, { page: p, pageSize, inGroup });
              if (page.page !== p || page.items.length > pageSize) problems.push(`${label}: page ${p} is ${page.page} with ${page.items.length}`);
              got.push(...page.items.map((i) => i.id));
            }
            const want = ref.shown.map((i) => i.id);
            if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${label}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
          }
        }
      }
      expect(problems.slice(0, 20).join('\n')).toBe('');
    });
  }

  it('walked every person × scope × filter × place, and the cases are not vacuous', () => {
    expect(lists).toBe(PEOPLE.length * ListScopes.length * FILTERS.length * 2);
    // A good part of the lists hold something, and groups hide some.
    expect(nonEmpty).toBeGreaterThan(lists / 3);
    expect(withHidden).toBeGreaterThan(50);
  });

  it('a page beyond the end is the last page; page 0 is the first; an empty list has one page', () => {
    const q: ListQuery = { scope: 'all', filters: {} };
    const total = reference(WHO.supervisor, q, false).shown.length;
    const pages = Math.ceil(total / 10);
    const beyond = listPageForActor(t.ctx, WHO.supervisor, q, NOW, { page: 999, pageSize: 10 });
    expect([beyond.page, beyond.pages, beyond.total, beyond.items.length]).toEqual([pages, pages, total, total - 10 * (pages - 1)]);
    expect(listPageForActor(t.ctx, WHO.supervisor, q, NOW, { page: 0, pageSize: 10 }).page).toBe(1);
    const none = listPageForActor(t.ctx, WHO.stranger, q, NOW, { page: 3, pageSize: 10 });
    expect(none).toEqual({ items: [], total: 0, hidden: 0, page: 1, pages: 1 });
    expect(listPageForActor(t.ctx, WHO.supervisor, { scope: 'unit', filters: {} }, NOW, { page: 1, pageSize: 10 }).total).toBe(0);
  });

  it('reads one page of rows, not the whole list', () => {
    const selects: string[] = [];
    const client = t.db.$client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => {
      if (/from "items"/i.test(source)) selects.push(source);
      return prepare(source);
    }) as typeof client.prepare;
    try {
      listPageForActor(t.ctx, WHO.supervisor, { scope: 'all', filters: {} }, NOW, { page: 3, pageSize: 10 });
    } finally {
      client.prepare = prepare;
    }
    const rows = selects.filter((s) => !/count\(\*\)/i.test(s));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/limit \?/i);
    expect(rows[0]).toMatch(/offset \?/i);
    expect(selects.filter((s) => /count\(\*\)/i.test(s))).toHaveLength(1);
  });
});

describe('the lights as deadline ranges', () => {
  it('agree with deadlineStatus for every deadline around holidays and 调休 days', () => {
    const cal = t.ctx.calendar;
    const problems: string[] = [];
    for (const today of ['2026-09-25', '2026-09-30', '2026-10-09', '2026-11-23', '2026-12-31', '2027-02-03', '2027-02-10']) {
      const now = at(today);
      for (const within of [0, 3, 5]) {
        const r = lightRanges(t.ctx, now, within);
        for (let d = -20; d <= 40; d++) {
          const date = new Date(Date.parse(`${today}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
          const expected = deadlineStatus({ state: 'in_progress', deadline: date }, now, cal, within).light;
          const got = (Object.keys(r) as Array<keyof typeof r>).filter((l) => (!r[l].from || date >= r[l].from!) && (!r[l].before || date < r[l].before!));
          if (got.length !== 1 || got[0] !== expected) problems.push(`${today} within ${within}: ${date} is ${expected}, ranges say ${got.join(',')}`);
        }
      }
    }
    expect(problems.slice(0, 10).join('\n')).toBe('');
  });
});
