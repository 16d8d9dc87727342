/**
 * 批量登记 from the Excel template (学校年度工作要点 decomposed into rows, LZU art. 6). The whole file is checked before
 * anything is written: one bad row rejects the file, and the person gets every problem at once, naming the row and
 * column (as a card, and as the template with the bad cells red and a comment on each). A good file registers
 * every row in ONE transaction, numbered in the order of the rows, each with its 督办单 sent (registerItem's steps);
 * a dry run says what would be registered and writes nothing but that answer.
 *
 * Callable from anywhere (the bot after downloading a file someone sent, the CLI): it opens its own transactions
 * and answers the person through the outbox (privately: the answer names every row's title).
 */
import { noticeCard } from '../cards/cards';
import type { Actor } from '../domain/actor';
import { chinaDate, isValidDate, parseDateInput } from '../domain/dates';
import { ErrorCode, toDubanError } from '../domain/errors';
import {
  CYCLE_LABELS,
  type Item,
  KIND_LABELS,
  type Kind,
  MODE_LABELS,
  type Mode,
  type ProgressCycle,
  SOURCE_LABELS,
  type SourceCategory,
} from '../domain/item';
import { canRegister, canView } from '../domain/permissions';
import { type RegistrationInput, prepareRegistration } from '../domain/registration';
import { TitleIndex } from '../domain/similarity';
import type { DbOrTx, Tx } from '../db/client';
import type { Channel } from '../db/history-repository';
import { insertItem } from '../db/item-repository';
import { openItemTitles } from '../db/ledger-repository';
import { insertAudit } from '../db/history-repository';
import { leaderOfUnit, listPeople, listUnits, loadActor, unitNamer } from '../db/org-repository';
import {
  type CellProblem,
  DATA_SHEET,
  IMPORT_MAX_ROWS,
  type ImportField,
  TEMPLATE_COLUMNS,
  type TemplateOptions,
  templateXlsx,
} from '../documents/import-template';
import { XLSX_MIME } from '../documents/ledger-xlsx';
import { WorkbookRefused, cellText, loadWorkbook } from '../documents/read-xlsx';
import { storeFile } from '../files/file-store';
import { enqueue, personAddress } from '../messenger/outbox-queue';
import type { ServiceContext } from './context';
import { applyCommand } from './apply-command';

export const IMPORT_PURPOSE = 'import_report';

/** The longest text each column takes (the registration's own caps; names of units and people are short). */
const MAX_CHARS: Record<ImportField, number> = {
  title: 200,
  lead: 100,
  coop: 1000,
  leader: 100,
  deadline: 40,
  source: 100,
  sourceRef: 500,
  mode: 40,
  kind: 40,
  requirements: 5000,
  measures: 5000,
  responsible: 100,
  cycle: 40,
  important: 10,
  flagged: 10,
  confidential: 10,
};

const HEADER_OF = new Map(TEMPLATE_COLUMNS.map((c) => [c.field, c.header.replace('*', '')]));
const headerOf = (f: ImportField | null) => (f ? HEADER_OF.get(f)! : '');

export interface ImportRow {
  /** The row as Excel numbers it (the header is row 1). */
  row: number;
  values: Partial<Record<ImportField, string>>;
  /** Cells already reported (a formula): nothing more is said about them. */
  reported?: ImportField[];
}

/** What was asked and what happened; the person has been answered through the outbox either way. */
export interface ImportOutcome {
  ok: boolean;
  dryRun: boolean;
  /** The items registered (none on a dry run or a rejected file). */
  registered: Item[];
  /** On a dry run: what would be registered, in row order. */
  planned: Array<{ row: number; input: RegistrationInput }>;
  /** Every problem found; a problem with the file itself has row 0. */
  problems: CellProblem[];
  /** The marked template (rejected files that could be read), also sent to the person. */
  report: Buffer | null;
}

export interface ImportOptions {
  dryRun?: boolean;
  channel?: Channel;
  /** Answer the person through the outbox (the bot); the CLI prints instead. Default true. */
  notify?: boolean;
}

/** Reads the rows of a filled template; problems with the file as a whole are thrown as WorkbookRefused. */
export async function readImportRows(bytes: Buffer): Promise<{ rows: ImportRow[]; problems: CellProblem[] }> {
  const wb = await loadWorkbook(bytes);
  const sheet = wb.getWorksheet(DATA_SHEET) ?? wb.worksheets.find((s) => s.state === 'visible');
  if (!sheet) throw new WorkbookRefused('文件中没有工作表，请使用督办助手提供的模板');
  // Columns are found by their header, so a template whose columns were moved still reads.
  const columns = new Map<number, ImportField>();
  sheet.getRow(1).eachCell((cell, col) => {
    const name = cellText(cell).text.replace(/[*＊\s]/g, '');
    const c = TEMPLATE_COLUMNS.find((t) => t.header.replace('*', '') === name);
    if (c) columns.set(col, c.field);
  });
  const missing = TEMPLATE_COLUMNS.filter((c) => c.required && ![...columns.values()].includes(c.field)).map((c) => c.header.replace('*', ''));
  if (missing.length) throw new WorkbookRefused(`第 1 行缺少表头：${missing.join('、')}。请使用督办助手提供的模板（发送“/督办 导入模板”获取）`);
  const rows: ImportRow[] = [];
  const problems: CellProblem[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1 || tooMany) return;
    const values: Partial<Record<ImportField, string>> = {};
    const rowProblems: CellProblem[] = [];
    for (const [col, field] of columns) {
      const { text, formula } = cellText(r.getCell(col));
      if (formula) rowProblems.push({ row: rowNumber, field, message: '单元格含公式或错误值，请只填写文字（可“选择性粘贴→值”）' });
      const t = text.replace(/\r\n?/g, '\n').trim();
      if (t) values[field] = t;
    }
    if (!Object.keys(values).length && !rowProblems.length) return;
    if (rows.length >= IMPORT_MAX_ROWS) {
      tooMany = true;
      return;
    }
    rows.push({ row: rowNumber, values, ...(rowProblems.length ? { reported: rowProblems.map((p) => p.field!) } : {}) });
    problems.push(...rowProblems);
  });
  if (tooMany) throw new WorkbookRefused(`一次最多导入 ${IMPORT_MAX_ROWS} 行，请分成几个文件`);
  if (!rows.length) throw new WorkbookRefused('文件中没有要登记的事项（从第 2 行起每行一项）');
  return { rows, problems };
}

const byLabel = <K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}) => {
  const m = new Map<string, K>();
  for (const [k, v] of Object.entries(labels) as Array<[K, string]>) {
    m.set(v, k);
    m.set(k, k);
  }
  for (const [w, k] of Object.entries(extra)) m.set(w, k);
  return m;
};
const SOURCES = byLabel<SourceCategory>(SOURCE_LABELS, { 年度工作要点: 'annual_plan', 工作要点: 'annual_plan', 校长办公会: 'committee', 党委会: 'committee', 常委会: 'committee', 教代会: 'congress', 领导批示: 'leader_instruction', 信访: 'petition' });
const MODES = byLabel<Mode>(MODE_LABELS, { 日常: 'routine', 常规: 'routine', 会议: 'meeting', 协调: 'meeting', 现场: 'site', 调研: 'site', 联合: 'joint' });
const KINDS = byLabel<Kind>(KIND_LABELS, { 台账: 'ledger', 专项: 'notice', 专项督办: 'notice' });
const CYCLES = byLabel<ProgressCycle>(CYCLE_LABELS, { 每周一次: 'weekly', 两周: 'biweekly', 每半月: 'biweekly', 每月一次: 'monthly' });
const YES = new Set(['是', 'Y', 'y', 'yes', 'Yes', 'YES', 'true', 'TRUE', '1', '√', '✓']);
const NO = new Set(['否', 'N', 'n', 'no', 'No', 'NO', 'false', 'FALSE', '0', '×']);

/**
 * Checks every row against the organisation and the open items, as things are in `tx`: the registrations to make,
 * or every problem found. Pure reads.
 */
export function checkImportRows(tx: DbOrTx, actor: Actor, rows: ImportRow[], now: Date): { inputs: Array<{ row: number; input: RegistrationInput }>; problems: CellProblem[] } {
  const today = chinaDate(now);
  const units = listUnits(tx);
  const leaders = listPeople(tx).filter((p) => p.roles.includes('leader') || p.roles.includes('principal'));
  const problems: CellProblem[] = [];
  const inputs: Array<{ row: number; input: RegistrationInput }> = [];
  // Titles are compared through indexes (each prepared once): a thousand rows against thousands of open items.
  const open = new TitleIndex<ReturnType<typeof openItemTitles>[number]>();
  for (const o of openItemTitles(tx)) open.add(o);
  const seen = new TitleIndex<{ title: string; row: number }>();
  const unitOf = (text: string) => {
    const t = text.trim();
    const hits = units.filter((u) => u.name === t || u.id === t.toLowerCase());
    return hits.length === 1 ? hits[0]! : null;
  };

  for (const { row, values: v, reported } of rows) {
    const at = (field: ImportField | null, message: string) => {
      if (!field || !reported?.includes(field)) problems.push({ row, field, message });
    };
    const before = problems.length;
    // A row with a cell already reported is not registered, whatever else is found.
    const clean = () => problems.length === before && !reported?.length;
    for (const [field, text] of Object.entries(v) as Array<[ImportField, string]>) {
      const max = MAX_CHARS[field];
      const n = Array.from(text).length;
      if (n > max) at(field, `${headerOf(field)}过长（最多 ${max} 字，此处 ${n} 字）`);
    }
    const title = v.title ?? '';
    if (!title) at('title', '缺少事项名称');

    const lead = v.lead ? unitOf(v.lead) : null;
    if (!v.lead) at('lead', '缺少主办单位');
    else if (!lead) at('lead', `没有找到单位“${clip(v.lead)}”，请从下拉列表中选择单位全称`);
    const coopIds: string[] = [];
    for (const name of (v.coop ?? '').split(/[,，、;；\n]+/).map((s) => s.trim()).filter(Boolean)) {
      const u = unitOf(name);
      if (!u) at('coop', `没有找到协办单位“${clip(name)}”`);
      else if (u.id === lead?.id) at('coop', '主办单位不能同时是协办单位');
      else if (!coopIds.includes(u.id)) coopIds.push(u.id);
    }

    let leaderId: string | null = null;
    if (v.leader) {
      const hits = leaders.filter((p) => p.name === v.leader || p.id === v.leader);
      if (hits.length === 1) leaderId = hits[0]!.id;
      else at('leader', hits.length ? `“${clip(v.leader)}”对应多位校领导，请写 open_id` : `“${clip(v.leader)}”不是校领导，请从下拉列表中选择`);
    } else if (lead) {
      leaderId = leaderOfUnit(tx, lead.id)?.id ?? null;
      if (!leaderId) at('leader', `${lead.name}没有唯一的分管校领导，请填写分管校领导`);
    }

    let deadline = '';
    if (!v.deadline) at('deadline', '缺少完成时限');
    else {
      deadline = parseDateInput(v.deadline, today) ?? '';
      if (!isValidDate(deadline)) at('deadline', `完成时限“${clip(v.deadline)}”不是有效日期，请写作 2027-06-30`);
      else if (deadline < today) at('deadline', `完成时限 ${deadline} 早于今天（${today}）`);
    }

    const pick = <K>(field: ImportField, map: Map<string, K>, fallback: K): K => {
      const text = v[field];
      if (!text) return fallback;
      const k = map.get(text.replace(/\s+/g, ''));
      if (k === undefined) at(field, `${headerOf(field)}“${clip(text)}”无法识别，请从下拉列表中选择`);
      return k ?? fallback;
    };
    const yesNo = (field: ImportField) => {
      const text = v[field];
      if (!text || NO.has(text)) return false;
      if (YES.has(text)) return true;
      at(field, `${headerOf(field)}请填“是”或“否”`);
      return false;
    };
    const input: RegistrationInput = {
      title,
      requirements: v.requirements,
      measures: v.measures,
      responsiblePerson: v.responsible,
      source: { category: pick<SourceCategory>('source', SOURCES, 'annual_plan'), ref: v.sourceRef },
      mode: pick<Mode>('mode', MODES, 'routine'),
      kind: pick<Kind>('kind', KINDS, 'ledger'),
      progressCycle: pick<ProgressCycle>('cycle', CYCLES, 'none'),
      important: yesNo('important'),
      flagged: yesNo('flagged'),
      confidential: yesNo('confidential'),
      leadUnitId: lead?.id ?? '',
      coopUnitIds: coopIds,
      leaderId: leaderId ?? '',
      deadline,
    };

    if (clean()) {
      // The registration's own rules last (who may register this item, the horizon, the caps): what they refuse is
      // said in their words, on the column it is about when that is clear.
      try {
        prepareRegistration(input, actor, now);
      } catch (err) {
        const de = toDubanError(err);
        at(/时限/.test(de.message) ? 'deadline' : /涉密/.test(de.message) ? 'confidential' : null, de.message);
      }
    }

    if (title) {
      const twin = seen.sameAs(title)[0];
      if (twin) at('title', `与第 ${twin.item.row} 行是同一事项（一事一项），请合并为一行`);
      else {
        // Open items naming the same matter, as registering one by one would find them (findDuplicates): only what
        // the person may see is named; an identical title they may not see is refused without naming it.
        const hits = open.sameAs(title);
        const shown = hits.find((h) => canView(actor, h.item));
        if (shown) at('title', `与在办事项 ${shown.item.number}“${clip(shown.item.title, 30)}”重复（一事一项），同一事项请勿重复立项`);
        else if (hits.some((h) => h.item.title === title.trim())) at('title', '与一项在办事项同名（一事一项），请联系督查室核对');
      }
      seen.add({ title, row });
    }
    if (clean()) inputs.push({ row, input });
  }
  return { inputs, problems };
}

const clip = (s: string, n = 40) => (Array.from(s).length > n ? `${Array.from(s).slice(0, n).join('')}…` : s);

/**
 * 立项登记 of a row already checked, and its 督办单 sent: registerItem's steps (services/register-item.ts: the number
 * in the year of registration, the audit row, the event) without its per-item scan for duplicates, which the whole
 * file's check has done against the same open items inside this transaction — scanning again for each of a
 * thousand rows made a file take minutes.
 */
function registerRow(ctx: ServiceContext, tx: Tx, actor: Actor, input: RegistrationInput, channel: Channel, now: Date): Item {
  const data = prepareRegistration(input, actor, now);
  const item = insertItem(tx, data, Number(chinaDate(now).slice(0, 4)));
  insertAudit(tx, {
    itemId: item.id,
    actorId: actor.id,
    channel,
    action: 'register',
    fromState: null,
    toState: item.state,
    changes: { number: item.number, title: item.title, deadline: item.deadline, leadUnitId: item.leadUnitId, batch: true },
    at: now.toISOString(),
  });
  ctx.events.record(tx, { type: 'register', item, before: null, actor, channel, command: null, now });
  return applyCommand(ctx, { itemId: item.id, actorId: actor.id, channel, command: { type: 'send_slip' }, now });
}

function registeredText(db: DbOrTx, registered: Item[]): string {
  const unitName = unitNamer(db);
  const first = registered[0]!;
  const last = registered[registered.length - 1]!;
  const range = registered.length === 1 ? first.number : `${first.number} 至 ${last.number}`;
  const perUnit = new Map<string, number>();
  for (const i of registered) perUnit.set(i.leadUnitId, (perUnit.get(i.leadUnitId) ?? 0) + 1);
  const units = [...perUnit].map(([u, n]) => `${unitName(u)} ${n} 项`).join('、');
  return `已登记 ${registered.length} 项（${range}），督办单已发送至各主办单位：${units}。`;
}

/** The problems as lines people read: 第 3 行「主办单位」：… */
export function problemLines(problems: CellProblem[]): string[] {
  return [...problems]
    .sort((a, b) => a.row - b.row)
    .map((p) => (p.row === 0 ? p.message : `第 ${p.row} 行${p.field ? `「${headerOf(p.field)}」` : ''}：${p.message}`));
}

// The card holds 2,000 characters; the marked file holds every problem.
const LINES_SHOWN = 20;

function rejectionText(problems: CellProblem[], marked: boolean): string {
  const lines = problemLines(problems);
  const rows = new Set(problems.map((p) => p.row)).size;
  const shown = lines.slice(0, LINES_SHOWN).join('\n');
  const more = lines.length > LINES_SHOWN ? `\n…… 另有 ${lines.length - LINES_SHOWN} 处，见标注文件` : '';
  const tail = marked ? '\n\n已把标出问题的表格发给您（问题单元格标红并附批注），改正后重新发送即可。' : '';
  return `文件有 ${lines.length} 处问题（${rows} 行），按规定整份文件未导入，没有登记任何事项：\n${shown}${more}${tail}`;
}

/** The options the template's drop-downs offer, as the organisation is now. */
export function templateOptions(db: DbOrTx): TemplateOptions {
  const leaders = listPeople(db).filter((p) => (p.roles.includes('leader') || p.roles.includes('principal')) && p.name);
  return { units: listUnits(db).map((u) => u.name), leaders: [...new Set(leaders.map((p) => p.name))] };
}

/**
 * 批量登记 from the bytes of a filled template: the whole file is checked, then registered in one transaction (or,
 * on a dry run, described). The person is answered through the outbox unless `notify` is false.
 */
export async function importItemsFromBytes(ctx: ServiceContext, bytes: Buffer, actorId: string, opts: ImportOptions, now: Date): Promise<ImportOutcome> {
  const dryRun = !!opts.dryRun;
  const notify = opts.notify ?? true;
  const channel = opts.channel ?? 'chat';
  const outcome = (o: Partial<ImportOutcome>): ImportOutcome => ({ ok: false, dryRun, registered: [], planned: [], problems: [], report: null, ...o });
  const tell = (tx: DbOrTx, title: string, text: string) =>
    enqueue(tx, { to: personAddress(actorId), msgType: 'interactive', content: noticeCard(title, text), purpose: IMPORT_PURPOSE }, now);
  const answer = (title: string, text: string, report?: Buffer) => {
    if (!notify) return;
    ctx.db.transaction(
      (tx) => {
        const to = personAddress(actorId);
        tell(tx, title, text);
        if (report) {
          const { file } = storeFile(tx, { bytes: report, name: '督办事项导入-问题标注.xlsx', kind: 'import_report', createdBy: 'system', mime: XLSX_MIME }, now);
          enqueue(tx, { to, msgType: 'file', content: { fileId: file.id }, purpose: IMPORT_PURPOSE }, now);
        }
      },
      { behavior: 'immediate' },
    );
    ctx.events.afterCommit?.();
  };

  // Who asks comes first: nothing of the file is read for someone who may not register.
  if (!canRegister(loadActor(ctx.db, actorId))) {
    const problems = [{ row: 0, field: null, message: '只有督办人员可以批量登记事项' }];
    answer('批量登记未执行', problems[0]!.message);
    return outcome({ problems });
  }

  let read: Awaited<ReturnType<typeof readImportRows>>;
  try {
    read = await readImportRows(bytes);
  } catch (err) {
    if (!(err instanceof WorkbookRefused)) throw err;
    const problems = [{ row: 0, field: null, message: err.message }];
    answer('批量登记未执行', `${err.message}。没有登记任何事项。`);
    return outcome({ problems });
  }

  // Checked and registered in one transaction: nothing can change between the check and the numbers.
  let checked: ReturnType<typeof checkImportRows> | null = null;
  let registered: Item[] = [];
  try {
    registered = ctx.db.transaction(
      (tx) => {
        const actor = loadActor(tx, actorId);
        checked = checkImportRows(tx, actor, read.rows, now);
        checked.problems.unshift(...read.problems);
        if (checked.problems.length || dryRun) return [];
        const done = checked.inputs.map(({ input }) => registerRow(ctx, tx, actor, input, channel, now));
        // Told in the same transaction: registered items are never left without the office knowing.
        if (notify) tell(tx, '批量登记完成', registeredText(tx, done));
        return done;
      },
      { behavior: 'immediate' },
    );
  } catch (err) {
    // A rule the check missed (a race is impossible inside the transaction): nothing was registered; say so.
    const de = toDubanError(err);
    if (de.code === ErrorCode.Internal) throw err;
    const problems = [{ row: 0, field: null, message: de.message }];
    answer('批量登记未执行', `${de.message}。没有登记任何事项。`);
    return outcome({ problems });
  }
  ctx.events.afterCommit?.();
  const c = checked as unknown as ReturnType<typeof checkImportRows>;

  if (c.problems.length) {
    const report = await templateXlsx(templateOptions(ctx.db), { rows: read.rows, problems: c.problems });
    answer('批量登记未执行：文件有误', rejectionText(c.problems, true), report);
    return outcome({ problems: c.problems, report });
  }
  const unitName = unitNamer(ctx.db);
  if (dryRun) {
    const lines = c.inputs.slice(0, LINES_SHOWN).map(({ row, input }) => `第 ${row} 行：${clip(input.title, 30)}｜${unitName(input.leadUnitId)}｜${input.deadline}`);
    const more = c.inputs.length > LINES_SHOWN ? `\n…… 另有 ${c.inputs.length - LINES_SHOWN} 项` : '';
    answer('试导入：文件无误', `文件无误，正式导入将登记 ${c.inputs.length} 项（本次为试导入，未登记）：\n${lines.join('\n')}${more}`);
    return outcome({ ok: true, planned: c.inputs });
  }
  return outcome({ ok: true, registered });
}
