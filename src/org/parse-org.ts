/**
 * Parser and validator for the organisation file (org.yaml): the units (中层单位) with their heads, liaisons and
 * bound group chats, and the people with roles (督查室、分管校领导、主要领导、管理员、纪委办/监察处/组织部).
 *
 * A head or liaison is an open_id or `{id: ou_…, name: 姓名}` (the names are returned in `names`); a person has one name
 * wherever it is written, and a chat belongs to one unit.
 *
 * Pure: takes the file's text, returns plain data or throws an OrgFileError listing every problem found, each with
 * the 1-based line of the offending YAML node, the field path (e.g. `units[1].name`) and a plain Chinese message.
 * No file I/O, no database.
 */
import { LineCounter, parseDocument, isMap, isScalar, isSeq } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';

import { type OrgRole, OrgRoles } from '../domain/actor';
import { Checker, type OrgProblem, SYNTAX_MESSAGES, suggest } from './yaml-checker';

export type { OrgRole };
export const ORG_ROLES: readonly OrgRole[] = OrgRoles;

export interface OrgUnit {
  id: string;
  name: string;
  /**
   * Unit head (单位主要负责人): a person reference, see {@link isPersonRef}. The file may write it `ou_…` or
   * `{id: ou_…, name: 姓名}`; the name then goes to {@link OrgFile.names}.
   */
  head: string | null;
  /** Liaisons (联络人): person references, each written like `head`. */
  liaisons: string[];
  /**
   * Group chat the file binds to the unit (`oc_…`). null when the file does not say (no `chat:`, or left blank):
   * the import then keeps whatever binding the unit has (e.g. one made with `/督办 绑定`).
   */
  chat: string | null;
}

/** A head or liaison the file names under `units` (`{id, name}`) and does not list under `people`. */
export interface OrgNamedPerson {
  id: string;
  name: string;
}

export interface OrgPerson {
  /** Feishu open_id (`ou_…`), or `email:…` / `mobile:…`. */
  id: string;
  name: string;
  roles: OrgRole[];
  /** Unit ids this leader (分管校领导) or principal is in charge of. */
  leads: string[];
}

export interface OrgFile {
  units: OrgUnit[];
  people: OrgPerson[];
  /**
   * Names given under `units` for people not listed under `people` (who have no role). parseOrg always fills it;
   * optional so that an OrgFile can be written by hand without it.
   */
  names?: OrgNamedPerson[];
}

export type { OrgProblem };

/** `第 7 行 units[1].name: 单位名称不能为空` */
export function formatOrgProblem(p: OrgProblem): string {
  const where = [p.line !== null ? `第 ${p.line} 行` : '', p.path].filter((s) => s !== '').join(' ');
  return where === '' ? p.message : `${where}: ${p.message}`;
}

export class OrgFileError extends Error {
  constructor(public readonly problems: OrgProblem[]) {
    super(`组织架构文件有 ${problems.length} 处问题：\n${problems.map(formatOrgProblem).join('\n')}`);
    this.name = 'OrgFileError';
  }
}

const UNIT_ID_RE = /^[a-z0-9][a-z0-9_-]*$/;
const CHAT_ID_RE = /^oc_[A-Za-z0-9_-]+$/;
const OPEN_ID_RE = /^ou_[A-Za-z0-9_-]+$/;
const EMAIL_REF_RE = /^email:[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MOBILE_REF_RE = /^mobile:\+?[0-9]{5,15}$/;

/**
 * A reference to a person: a Feishu open_id `ou_…`. The `email:`/`mobile:` forms are recognised but not yet
 * accepted: Feishu sends events with open_ids, so such a person could never act, and mobiles cannot be messaged.
 */
export function isPersonRef(s: string): boolean {
  return OPEN_ID_RE.test(s);
}
const isLaterForm = (s: string) => EMAIL_REF_RE.test(s) || MOBILE_REF_RE.test(s);

const UNIT_KEYS = ['id', 'name', 'head', 'liaisons', 'chat'] as const;
const PERSON_KEYS = ['id', 'name', 'roles', 'leads'] as const;
/** Keys of a head or liaison written as a mapping: `{id: ou_…, name: 姓名}`. */
const PERSON_REF_KEYS = ['id', 'name'] as const;
const TOP_KEYS = ['units', 'people'] as const;

const ROLE_LABELS: Record<OrgRole, string> = {
  supervisor: '督查室',
  leader: '分管校领导',
  principal: '主要领导',
  admin: '管理员',
  observer: '纪委办、监察处、组织部等',
};

const PERSON_REF_HINT = '应为飞书 open_id（ou_ 开头）';
const PERSON_REF_FORMS = '应写成飞书 open_id（ou_ 开头），或 {id: ou_…, name: 姓名}';
const personRefHint = (s: string) =>
  isLaterForm(s) ? 'email:/mobile: 形式暂不支持，请改为飞书 open_id（ou_ 开头，可用开放平台 API 调试台的 batch_get_id 查询）' : PERSON_REF_HINT;

/**
 * Parses and validates the organisation file. Collects every problem and throws them together.
 * @throws OrgFileError
 */
export function parseOrg(yamlText: string): OrgFile {
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const c = new Checker(doc, lc);

  if (doc.errors.length > 0) {
    const seenLines = new Set<number>();
    for (const err of doc.errors) {
      const line = Math.max(lc.linePos(err.pos[0]).line, 1);
      // A second error on the same line is nearly always a consequence of the first one.
      if (seenLines.has(line)) continue;
      seenLines.add(line);
      const zh = SYNTAX_MESSAGES[err.code];
      const original = err.message.split('\n')[0] ?? '';
      c.problems.push({
        line,
        path: '',
        message: zh ? `YAML 格式错误：${zh}（${original}）` : `YAML 格式错误：${original}`,
      });
    }
    throw new OrgFileError(c.problems);
  }

  const root = c.deref(doc.contents, '');
  if (root === null || (isScalar(root) && root.value === null)) {
    throw new OrgFileError([{ line: null, path: '', message: '文件为空：应包含 units（单位）和 people（人员）两个列表' }]);
  }
  if (!isMap(root)) {
    c.report(root, '', '文件顶层必须是映射，即以 "units:" 和 "people:" 开头的两段，而不是列表或单个取值');
    throw new OrgFileError(c.problems);
  }

  const top = c.fields(root, '', TOP_KEYS, '文件顶层');
  const unitsSeq = c.topList(top.get('units'), 'units', '单位');
  const peopleSeq = c.topList(top.get('people'), 'people', '人员');

  // ---- units ----
  const units: OrgUnit[] = [];
  const unitIdLines = new Map<string, number | null>();
  const unitNameLines = new Map<string, number | null>();
  /** Every text id written under units, valid or not, so a bad unit id does not also fail each `leads` entry. */
  const seenUnitIds = new Set<string>();
  const chatLines = new Map<string, number | null>();
  /** Every name given to a person id, under units (`{id, name}`) or people, to find one id with two names. */
  const nameDecls: { id: string; name: string; node: YamlNode; path: string; inPeople: boolean }[] = [];

  /**
   * A head or liaison: `ou_…`, or a mapping `{id: ou_…, name: 姓名}` (its name is recorded). Returns the id, or
   * null when there is none (`head:` left blank) or it is wrong (after reporting).
   */
  const personRef = (raw: YamlNode | null, parent: YamlNode | Pair, path: string, label: string): string | null => {
    if (raw === null || (isScalar(raw) && raw.value === null)) return null;
    if (isScalar(raw)) {
      const v = raw.value;
      if (typeof v !== 'string' || v.trim() === '') {
        c.report(raw, path, `${label}${typeof v === 'string' ? '不能为空；如果没有，请删除这一行' : `写法不正确：${PERSON_REF_FORMS}`}`);
        return null;
      }
      const ref = v.trim();
      if (!isPersonRef(ref)) {
        c.report(raw, path, `${label} "${ref}" 写法不正确：${isLaterForm(ref) ? personRefHint(ref) : PERSON_REF_FORMS}`);
        return null;
      }
      return ref;
    }
    if (!isMap(raw)) {
      c.report(raw ?? parent, path, `${label}写法不正确：${PERSON_REF_FORMS}`);
      return null;
    }
    const before = c.problems.length;
    const f = c.fields(raw, path, PERSON_REF_KEYS, label);
    // A misspelt key is reported with its hint; "missing id/name" on top of it would say the same thing twice.
    const misspelt = c.problems.length > before;
    const idField = f.get('id');
    let id: string | null = null;
    if (idField) id = c.text(idField, `${path}.id`, `${label}的 open_id（id）`, true);
    else if (!misspelt) c.report(raw, `${path}.id`, `缺少${label}的 open_id（id）`);
    if (id !== null && !isPersonRef(id)) {
      c.report(idField!.value, `${path}.id`, `${label} "${id}" 写法不正确：${personRefHint(id)}`);
      id = null;
    }
    const nameField = f.get('name');
    let name: string | null = null;
    if (!nameField) {
      if (!misspelt) c.report(raw, `${path}.name`, `缺少${label}的姓名（name）；不写姓名时直接写 open_id 即可`);
    } else name = c.text(nameField, `${path}.name`, `${label}的姓名（name）`, true);
    if (id !== null && name !== null) nameDecls.push({ id, name, node: nameField!.value!, path: `${path}.name`, inPeople: false });
    return id;
  };

  unitsSeq?.items.forEach((raw, i) => {
    const path = `units[${i}]`;
    const node = c.deref(raw, path);
    if (!isMap(node)) {
      c.report(node ?? unitsSeq, path, '每个单位必须是包含 id、name 等字段的映射（"- id: ..." 下一行 "  name: ..."）');
      return;
    }
    const f = c.fields(node, path, UNIT_KEYS, '单位');

    const idField = f.get('id');
    let id = c.requiredText(node, idField, `${path}.id`, '单位标识（id）');
    if (id !== null) {
      seenUnitIds.add(id);
      if (!UNIT_ID_RE.test(id)) {
        c.report(idField!.value, `${path}.id`, `单位标识 "${id}" 格式不正确：只能用小写字母、数字、"-" 或 "_"，并以字母或数字开头`);
        id = null;
      } else if (unitIdLines.has(id)) {
        c.report(idField!.value, `${path}.id`, `单位标识 "${id}" 重复${lineNote(unitIdLines.get(id))}`);
        id = null;
      } else {
        unitIdLines.set(id, c.lineOf(idField!.value));
      }
    }

    const nameField = f.get('name');
    let name = c.requiredText(node, nameField, `${path}.name`, '单位名称（name）');
    if (name !== null) {
      if (unitNameLines.has(name)) {
        c.report(nameField!.value, `${path}.name`, `单位名称 "${name}" 重复${lineNote(unitNameLines.get(name))}`);
        name = null;
      } else {
        unitNameLines.set(name, c.lineOf(nameField!.value));
      }
    }

    let head: string | null = null;
    const headField = f.get('head');
    if (headField) head = personRef(headField.value, headField.pair, `${path}.head`, '单位负责人');

    const liaisons: string[] = [];
    const liaisonsField = f.get('liaisons');
    const liaisonsNode = liaisonsField?.value ?? null;
    if (liaisonsNode !== null && !(isScalar(liaisonsNode) && liaisonsNode.value === null)) {
      if (!isSeq(liaisonsNode)) {
        c.report(liaisonsNode, `${path}.liaisons`, '联络人（liaisons）必须是列表，例如 [a, b]；只有一项也要写成 [a]');
      } else {
        liaisonsNode.items.forEach((rawItem, j) => {
          const itemPath = `${path}.liaisons[${j}]`;
          const itemNode = c.deref(rawItem, itemPath);
          if (itemNode === null || (isScalar(itemNode) && itemNode.value === null)) {
            c.report(itemNode ?? liaisonsNode, itemPath, '联络人（liaisons）中的每一项都不能为空；多余的 "- " 请删除');
            return;
          }
          const ref = personRef(itemNode, liaisonsNode, itemPath, '联络人');
          if (ref === null) return;
          if (liaisons.includes(ref)) c.report(itemNode, itemPath, `联络人 "${ref}" 重复列出`);
          else liaisons.push(ref);
        });
      }
    }

    let chat: string | null = null;
    const chatField = f.get('chat');
    if (chatField) {
      chat = c.text(chatField, `${path}.chat`, '群聊（chat）', false);
      if (chat !== null && !CHAT_ID_RE.test(chat)) {
        c.report(chatField.value, `${path}.chat`, `群聊 ID "${chat}" 写法不正确：应为以 oc_ 开头的飞书群聊 ID`);
      } else if (chat !== null && chatLines.has(chat)) {
        c.report(chatField.value, `${path}.chat`, `群聊 ID "${chat}" 已用于另一个单位${lineNote(chatLines.get(chat))}：一个群聊只能绑定一个单位`);
      } else if (chat !== null) {
        chatLines.set(chat, c.lineOf(chatField.value));
      }
    }

    if (id !== null && name !== null) units.push({ id, name, head, liaisons, chat });
  });

  // ---- people ----
  const people: OrgPerson[] = [];
  const personIdLines = new Map<string, number | null>();

  peopleSeq?.items.forEach((raw, i) => {
    const path = `people[${i}]`;
    const node = c.deref(raw, path);
    if (!isMap(node)) {
      c.report(node ?? peopleSeq, path, '每个人员必须是包含 id、name、roles 等字段的映射（"- id: ..." 下一行 "  name: ..."）');
      return;
    }
    const f = c.fields(node, path, PERSON_KEYS, '人员');

    const idField = f.get('id');
    let id = c.requiredText(node, idField, `${path}.id`, '人员标识（id）');
    if (id !== null) {
      if (!isPersonRef(id)) {
        c.report(idField!.value, `${path}.id`, `人员标识 "${id}" 写法不正确：${personRefHint(id)}`);
        id = null;
      } else if (personIdLines.has(id)) {
        c.report(idField!.value, `${path}.id`, `人员 "${id}" 重复列出${lineNote(personIdLines.get(id))}，请合并为一条并在 roles 中列出全部角色`);
        id = null;
      } else {
        personIdLines.set(id, c.lineOf(idField!.value));
      }
    }

    const nameField = f.get('name');
    const name = c.requiredText(node, nameField, `${path}.name`, '姓名（name）');
    if (id !== null && name !== null) nameDecls.push({ id, name, node: nameField!.value!, path: `${path}.name`, inPeople: true });

    const roles: OrgRole[] = [];
    for (const item of c.textList(f.get('roles'), `${path}.roles`, '角色（roles）')) {
      if (!(ORG_ROLES as readonly string[]).includes(item.value)) {
        const hint = suggest(item.value, ORG_ROLES);
        const choices = ORG_ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、');
        c.report(item.node, item.path, `未知角色 "${item.value}"${hint ? `，是否应为 "${hint}"？` : ''}可选：${choices}`);
      } else if (roles.includes(item.value as OrgRole)) {
        c.report(item.node, item.path, `角色 "${item.value}" 重复列出`);
      } else {
        roles.push(item.value as OrgRole);
      }
    }

    const leads: string[] = [];
    const leadsField = f.get('leads');
    const leadItems = c.textList(leadsField, `${path}.leads`, '分管单位（leads）');
    // A misspelt role is reported already; do not pile a second problem on top of it.
    const rolesOk = !hasRoleProblem(c, path);
    if (leadItems.length > 0 && rolesOk && !roles.includes('leader') && !roles.includes('principal')) {
      c.report(
        leadsField!.pair.key as YamlNode,
        `${path}.leads`,
        '只有角色为 leader（分管校领导）或 principal（主要领导）的人员才能填写 leads（分管单位）',
      );
    }
    for (const item of leadItems) {
      if (!seenUnitIds.has(item.value)) {
        c.report(item.node, item.path, `分管单位 "${item.value}" 不存在：units 中没有这个单位标识（id）`);
      } else if (leads.includes(item.value)) {
        c.report(item.node, item.path, `分管单位 "${item.value}" 重复列出`);
      } else {
        leads.push(item.value);
      }
    }

    if (id !== null && name !== null) people.push({ id, name, roles, leads });
  });

  // ---- one name per person ----
  // The name under people wins; otherwise the first one in the file. Every other, different name is a problem.
  const byId = new Map<string, typeof nameDecls>();
  for (const d of nameDecls) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
  const names: OrgNamedPerson[] = [];
  for (const [pid, decls] of byId) {
    const offset = (d: (typeof decls)[number]) => d.node.range?.[0] ?? Infinity;
    const ordered = [...decls].sort((a, b) => offset(a) - offset(b));
    const main = ordered.find((d) => d.inPeople) ?? ordered[0]!;
    for (const d of ordered) {
      if (d === main || d.name === main.name) continue;
      const line = c.lineOf(main.node);
      const where = `${main.inPeople ? ' people 中' : ''}${line !== null ? `第 ${line} 行` : '别处'}的 "${main.name}"`;
      const rule = main.inPeople ? '同一人员只能有一个姓名（以 people 中的为准）' : '同一人员只能有一个姓名';
      c.report(d.node, d.path, `人员 "${pid}" 的姓名 "${d.name}" 与${where} 不一致：${rule}`);
    }
    if (!decls.some((d) => d.inPeople)) names.push({ id: pid, name: main.name });
  }

  if (c.problems.length > 0) throw new OrgFileError(c.sorted());
  return { units, people, names };
}

function lineNote(line: number | null | undefined): string {
  return typeof line === 'number' ? `（第 ${line} 行已使用）` : '';
}

/** Whether a problem was already reported under this person's roles (then `leads` is not judged against them). */
function hasRoleProblem(c: Checker, personPath: string): boolean {
  return c.problems.some((p) => p.path === `${personPath}.roles` || p.path.startsWith(`${personPath}.roles[`));
}
