/**
 * `npx tsx scripts/bench-cards.ts [N]`: µs per card for the cards the request paths draw, the compiled renderer
 * against the interpreter it replaced, in one process, alternating rounds.
 * `BASE=<git revision> npx tsx scripts/bench-cards.ts [N]`: the working tree's src/ against src/ as committed at
 * that revision (e.g. the builders before a change), same rounds.
 *
 * Both variants are bundled with esbuild from the same builders (src/cards) as the server is built; the old one has
 * src/cards/render.ts replaced by the interpreter kept in tests/cards/legacy-render.ts and fitCard measuring every
 * card by its JSON, as before (or, with BASE, every file under src/ read from that revision). Each round draws every
 * card N times with each variant, old and new in turn; the figures printed are the median and the spread over the
 * rounds. The two variants' cards are checked equal first (byte for byte, as JSON).
 */
import { build, type Plugin } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const N = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const BASE = process.env.BASE;

/** What the bench draws: the builders and a fixture to feed them. */
const ENTRY = `
export { slipCard, receiptCard, itemDetailCard, listCard, progressFormCard } from './src/cards/cards';
export { item, ctx, historyRow, progressRow } from './tests/cards/item-fixture';
export { render } from './src/cards/render';
export { TEMPLATES } from './src/cards/templates';
export { itemFacts } from './src/cards/item-view';
`;

function replaceOnce(text: string, from: string, to: string, file: string): string {
  if (!text.includes(from)) throw new Error(`bench-cards: ${file} no longer contains ${JSON.stringify(from)}; update the old variant`);
  return text.replace(from, to);
}

/** The renderer and fitCard as they were before templates were compiled. */
const oldCards: Plugin = {
  name: 'old-cards',
  setup(b) {
    b.onLoad({ filter: /src[\\/]cards[\\/]render\.ts$/ }, () => {
      const legacy = readFileSync(join(ROOT, 'tests/cards/legacy-render.ts'), 'utf8');
      const standalone = replaceOnce(
        legacy,
        "import { TemplateError, type View } from '../../src/cards/render';",
        `export type View = Readonly<Record<string, unknown>>;
export class TemplateError extends Error { override name = 'TemplateError'; }`,
        'tests/cards/legacy-render.ts',
      );
      return {
        contents: `${standalone.replace('export function interpret<', 'export function render<')}\nexport const escapeMarkdown = legacyEscapeMarkdown;\n`,
        loader: 'ts',
      };
    });
    b.onLoad({ filter: /src[\\/]cards[\\/]format\.ts$/ }, (args) => ({
      contents: replaceOnce(readFileSync(args.path, 'utf8'), 'cardSizeBound(card) <= CARD_BYTES_TARGET || cardSizeBound(card, true) <= CARD_BYTES_TARGET || ', '', 'src/cards/format.ts'),
      loader: 'ts',
    }));
  },
};

/** Every file under src/ as committed at `rev` (files that did not exist then are read from the working tree). */
function atRevision(rev: string): Plugin {
  return {
    name: 'at-revision',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/].*\.(ts|json)$/ }, (args) => {
        const path = relative(ROOT, args.path).split(sep).join('/');
        if (!path.startsWith('src/')) return undefined;
        try {
          const contents = execFileSync('git', ['show', `${rev}:${path}`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
          return { contents, loader: path.endsWith('.json') ? 'json' : 'ts' };
        } catch {
          return undefined;
        }
      });
    },
  };
}

type Cards = typeof import('../src/cards/cards') &
  typeof import('../tests/cards/item-fixture') &
  Pick<typeof import('../src/cards/render'), 'render'> &
  Pick<typeof import('../src/cards/templates'), 'TEMPLATES'> &
  Pick<typeof import('../src/cards/item-view'), 'itemFacts'>;

async function bundle(dir: string, name: string, plugins: Plugin[]): Promise<Cards> {
  const out = join(dir, `${name}.mjs`);
  await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' },
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins,
    logLevel: 'warning',
  });
  return (await import(pathToFileURL(out).href)) as Cards;
}

// Inside the checkout, so the bundles find the packages in node_modules.
mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/bench-cards-'));
const variants = { old: await bundle(dir, 'old', [BASE ? atRevision(BASE) : oldCards]), new: await bundle(dir, 'new', []) };
rmSync(dir, { recursive: true, force: true });

/** The cards of a card callback (the redrawn slip, a receipt) and of 查看 (the detail), plus a list and a form. */
function draws(m: Cards): Record<string, () => unknown> {
  const c = m.ctx();
  const inProgress = m.item();
  const assigned = m.item({ state: 'assigned', claimedBy: null, claimedAt: null, important: true, flagged: true });
  const d = {
    history: Array.from({ length: 18 }, (_, i) => m.historyRow(i + 1)),
    progress: Array.from({ length: 6 }, (_, i) => m.progressRow(i + 1)),
  };
  // An overdue-chased item as 查看 shows it to the office: two recipients a step, six steps, and a few files.
  const chases = Array.from({ length: 12 }, (_, i) => ({
    id: i + 1,
    itemId: 7,
    kind: i < 8 ? 'overdue' : 'manual',
    stepKey: `${i < 8 ? 'overdue' : 'manual'}:7:${Math.floor(i / 2)}`,
    recipient: i % 2 ? 'ou_liaison_jwc' : 'ou_head_jwc',
    automatic: i < 8,
    actorId: i < 8 ? null : 'ou_sup',
    at: new Date(Date.UTC(2026, 10, 10 + Math.floor(i / 2), 1)).toISOString(),
    outboxId: null,
    answeredAt: i < 4 ? '2026-11-21T01:00:00.000Z' : null,
  }));
  const evidence = Array.from({ length: 4 }, (_, i) => ({ id: i + 1, name: `佐证材料 ${i + 1}.pdf`, size: 150_000 * (i + 1), createdBy: 'ou_liaison_jwc', createdAt: `2026-11-0${i + 1}T03:00:00.000Z` }));
  const withChases = { ...d, chases, evidence };
  const items = Array.from({ length: 15 }, (_, i) => m.item({ id: i + 1, number: `督办〔2026〕${i + 1}号`, title: `事项 ${i + 1}：修订培养方案` }));
  // The slip's template filled with a view built once: the renderer alone, without the builder's own work.
  const slipView = { ...m.itemFacts(inProgress, c), summary: '…', ask: '请填报进展', askColor: 'blue', moreTitle: '来源、督办方式', note: '' };
  const slipFlags = { canClaim: false, canProgress: true, canExtend: true, canComplete: true };
  return {
    'slip template alone': () => m.render(m.TEMPLATES.slip, { ...slipView, ...slipFlags }, 'slip'),
    'slip (in progress, lead)': () => m.slipCard(inProgress, c, 'lead'),
    'slip (assigned, flagged)': () => m.slipCard(assigned, c, 'lead', '已转办至本单位'),
    receipt: () => m.receiptCard(inProgress, c, '进展已报送'),
    'item-detail (查看)': () => m.itemDetailCard(inProgress, d, c),
    'item-detail (催办, 佐证)': () => m.itemDetailCard(inProgress, withChases, c, true, true),
    'list (15 items, a page)': () => m.listCard('本单位待办', items, c),
    'progress-form': () => m.progressFormCard(inProgress, c),
  };
}

const sets = { old: draws(variants.old), new: draws(variants.new) };
const names = Object.keys(sets.new);
for (const name of names) {
  const a = JSON.stringify(sets.old[name]!());
  const b = JSON.stringify(sets.new[name]!());
  if (a !== b) throw new Error(`bench-cards: ${name} differs between the old and the new variant`);
}

function time(f: () => unknown): number {
  const t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) f();
  return Number(process.hrtime.bigint() - t) / N / 1000;
}

// Warm both up before measuring (the compiled templates are built on first use; the JIT wants a few thousand).
for (const name of names) for (const v of ['old', 'new'] as const) time(sets[v][name]!);

const results: Record<string, { old: number[]; new: number[] }> = Object.fromEntries(names.map((n) => [n, { old: [], new: [] }]));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const);
  for (const name of names) for (const v of order) results[name]![v].push(time(sets[v][name]!));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number) => x.toFixed(1).padStart(6);
console.log(`µs per card, median of ${ROUNDS} alternating rounds of ${N} (min–max); node ${process.version}`);
// Under other processes' load the medians wander; the fastest rounds are the least disturbed, so both are shown.
console.log(`${'card'.padEnd(26)} ${'old'.padStart(6)} ${'(spread)'.padStart(15)} ${'new'.padStart(6)} ${'(spread)'.padStart(15)}  old/new  (of the minima)`);
for (const name of names) {
  const r = results[name]!;
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`.padStart(15);
  console.log(`${name.padEnd(26)} ${fmt(median(r.old))} ${spread(r.old)} ${fmt(median(r.new))} ${spread(r.new)}  ${(median(r.old) / median(r.new)).toFixed(2)}×  ${(Math.min(...r.old) / Math.min(...r.new)).toFixed(2)}×`);
}
