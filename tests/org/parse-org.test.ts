import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrgFileError, parseOrg, type OrgProblem } from '../../src/org/parse-org';

const EXAMPLE = readFileSync(new URL('../../examples/org.yaml', import.meta.url), 'utf8');

function problemsOf(text: string): OrgProblem[] {
  try {
    parseOrg(text);
  } catch (e) {
    expect(e).toBeInstanceOf(OrgFileError);
    return (e as OrgFileError).problems;
  }
  throw new Error('expected parseOrg to throw');
}

/** Joins lines so that the line numbers in the table are easy to check: line n is lines[n - 1]. */
const y = (...lines: string[]) => lines.join('\n') + '\n';

describe('parseOrg: the example file', () => {
  const org = parseOrg(EXAMPLE);

  it('has about twelve units, each with a head and one or two liaisons', () => {
    expect(org.units.length).toBeGreaterThanOrEqual(10);
    expect(org.units.length).toBeLessThanOrEqual(15);
    for (const u of org.units) {
      expect(u.head).toMatch(/^ou_/);
      expect(u.liaisons.length).toBeGreaterThanOrEqual(1);
      expect(u.liaisons.length).toBeLessThanOrEqual(2);
    }
    expect(org.units.map((u) => u.name)).toEqual(expect.arrayContaining(['教务处', '科研处', '计算机学院', '文学院']));
    expect(org.units.find((u) => u.id === 'jwc')).toEqual({
      id: 'jwc',
      name: '教务处',
      head: 'ou_jwc_head',
      liaisons: ['ou_jwc_liaison'],
      chat: 'oc_jwc_duban',
    });
    expect(org.units.some((u) => u.chat === null)).toBe(true);
  });

  it('gives every unit a leader in charge', () => {
    const leaders = org.people.filter((p) => p.roles.includes('leader'));
    expect(leaders.length).toBeGreaterThanOrEqual(4);
    for (const u of org.units) {
      expect(leaders.filter((p) => p.leads.includes(u.id)).map((p) => p.name), u.name).toHaveLength(1);
    }
  });

  it('has supervisors, two principals, observers and one admin', () => {
    const withRole = (r: string) => org.people.filter((p) => (p.roles as string[]).includes(r));
    expect(withRole('supervisor').length).toBeGreaterThanOrEqual(2);
    expect(withRole('principal')).toHaveLength(2);
    expect(withRole('observer').length).toBeGreaterThanOrEqual(3);
    expect(withRole('admin')).toHaveLength(1);
  });

  it('returns plain data', () => {
    expect(JSON.parse(JSON.stringify(org))).toEqual(org);
    expect(Object.keys(org)).toEqual(['units', 'people', 'names']);
    for (const u of org.units) expect(Object.keys(u)).toEqual(['id', 'name', 'head', 'liaisons', 'chat']);
    for (const p of org.people) expect(Object.keys(p)).toEqual(['id', 'name', 'roles', 'leads']);
    for (const n of org.names ?? []) expect(Object.keys(n)).toEqual(['id', 'name']);
  });

  it('shows both ways of writing a head or liaison: with a name, and by open_id only', () => {
    expect(org.names).toEqual(
      expect.arrayContaining([
        { id: 'ou_jwc_head', name: '陈明' },
        { id: 'ou_jwc_liaison', name: '周晓燕' },
        { id: 'ou_kyc_head', name: '黄志刚' },
      ]),
    );
    expect(org.units.find((u) => u.id === 'kyc')).toMatchObject({ head: 'ou_kyc_head', liaisons: ['ou_kyc_liaison', 'ou_kyc_liaison2'] });
    // Plain ids remain (their names come from Feishu's contact directory), and no chat is bound twice.
    expect(org.names!.some((n) => n.id === 'ou_kyc_liaison')).toBe(false);
    const chats = org.units.map((u) => u.chat).filter((c) => c !== null);
    expect(new Set(chats).size).toBe(chats.length);
  });
});

describe('parseOrg: good small inputs', () => {
  it('fills defaults for optional fields', () => {
    const org = parseOrg(y('units:', '  - id: jwc', '    name: 教务处', 'people:', '  - id: ou_a', '    name: 甲'));
    expect(org).toEqual({
      units: [{ id: 'jwc', name: '教务处', head: null, liaisons: [], chat: null }],
      people: [{ id: 'ou_a', name: '甲', roles: [], leads: [] }],
      names: [],
    });
  });

  it('accepts empty lists and principals with leads', () => {
    expect(parseOrg('units: []\npeople: []\n')).toEqual({ units: [], people: [], names: [] });
    const org = parseOrg(
      y(
        'units:',
        '  - {id: cwc, name: 财务处, head: ou_cwc_head, liaisons: []}',
        'people:',
        '  - {id: ou_xz, name: 校长, roles: [principal], leads: [cwc]}',
      ),
    );
    expect(org.people[0]).toEqual({ id: 'ou_xz', name: '校长', roles: ['principal'], leads: ['cwc'] });
  });

  it('refuses email:/mobile: people for now, saying why (events carry open_ids; mobiles cannot be messaged)', () => {
    const text = y(
      'units:',
      '  - {id: cwc, name: 财务处, head: "email:cwc@xjdx.edu.cn", liaisons: ["mobile:+8613800000000"]}',
      'people:',
      '  - {id: "email:xz@xjdx.edu.cn", name: 校长, roles: [principal]}',
    );
    let err: unknown;
    try {
      parseOrg(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OrgFileError);
    const problems = (err as OrgFileError).problems;
    expect(problems.map((p) => p.path)).toEqual(['units[0].head', 'units[0].liaisons[0]', 'people[0].id']);
    expect(problems.every((p) => p.message.includes('暂不支持'))).toBe(true);
  });
});

const UNIT = ['units:', '  - id: jwc', '    name: 教务处', '    head: ou_jwc_head'];

describe('parseOrg: bad inputs', () => {
  const cases: { name: string; text: string; line: number | null; path: string; message: RegExp }[] = [
    {
      name: 'unknown key in a unit (typo)',
      text: y(...UNIT, '    liason: [ou_x]'),
      line: 5,
      path: 'units[0].liason',
      message: /未知字段 "liason".*liaisons/,
    },
    {
      name: 'unknown key at the top level',
      text: y(...UNIT, 'peoples: []'),
      line: 5,
      path: 'peoples',
      message: /未知字段 "peoples".*"people"/,
    },
    {
      name: 'unknown key in a person',
      text: y('people:', '  - id: ou_a', '    name: 甲', '    role: [leader]'),
      line: 4,
      path: 'people[0].role',
      message: /未知字段 "role".*"roles"/,
    },
    {
      name: 'duplicate unit id',
      text: y(...UNIT, '  - id: jwc', '    name: 教务处（重复）'),
      line: 5,
      path: 'units[1].id',
      message: /单位标识 "jwc" 重复.*第 2 行/,
    },
    {
      name: 'duplicate person id',
      text: y('people:', '  - id: ou_a', '    name: 甲', '  - id: ou_a', '    name: 甲'),
      line: 4,
      path: 'people[1].id',
      message: /人员 "ou_a" 重复/,
    },
    {
      name: 'duplicate unit name',
      text: y(...UNIT, '  - id: jwc2', '    name: 教务处'),
      line: 6,
      path: 'units[1].name',
      message: /单位名称 "教务处" 重复/,
    },
    {
      name: 'bad unit id',
      text: y('units:', '  - id: JWC', '    name: 教务处'),
      line: 2,
      path: 'units[0].id',
      message: /单位标识 "JWC" 格式不正确/,
    },
    {
      name: 'numeric unit id',
      text: y('units:', '  - id: 2024', '    name: 教务处'),
      line: 2,
      path: 'units[0].id',
      message: /必须是文本.*引号/,
    },
    {
      name: 'bad role',
      text: y('people:', '  - id: ou_a', '    name: 甲', '    roles: [supervisor,', '      supervsior]'),
      line: 5,
      path: 'people[0].roles[1]',
      message: /未知角色 "supervsior".*"supervisor"/,
    },
    {
      name: 'leads on a non-leader',
      text: y(...UNIT, 'people:', '  - id: ou_a', '    name: 甲', '    roles: [supervisor]', '    leads: [jwc]'),
      line: 9,
      path: 'people[0].leads',
      message: /只有角色为 leader.*principal/,
    },
    {
      name: 'leads to an unknown unit',
      text: y(...UNIT, 'people:', '  - id: ou_a', '    name: 甲', '    roles: [leader]', '    leads:', '      - jwc', '      - kyc'),
      line: 11,
      path: 'people[0].leads[1]',
      message: /分管单位 "kyc" 不存在/,
    },
    {
      name: 'bad chat id',
      text: y(...UNIT, '    chat: ou_not_a_chat'),
      line: 5,
      path: 'units[0].chat',
      message: /群聊 ID "ou_not_a_chat".*oc_/,
    },
    {
      name: 'bad head',
      text: y(...UNIT.slice(0, 3), '    head: 张处长'),
      line: 4,
      path: 'units[0].head',
      message: /单位负责人 "张处长" 写法不正确/,
    },
    {
      name: 'bad person id',
      text: y('people:', '  - id: wangdc', '    name: 王督查'),
      line: 2,
      path: 'people[0].id',
      message: /人员标识 "wangdc" 写法不正确.*ou_/,
    },
    {
      name: 'liaisons not a list',
      text: y(...UNIT, '    liaisons: ou_jwc_liaison'),
      line: 5,
      path: 'units[0].liaisons',
      message: /必须是列表/,
    },
    {
      name: 'syntax error (bad indentation)',
      text: y('units:', '  - id: jwc', '    name: 教务处', '   head: ou_x'),
      line: 4,
      path: '',
      message: /YAML 格式错误/,
    },
    {
      name: 'syntax error (tab indentation)',
      text: y('units:', '  - id: jwc', '\tname: 教务处'),
      line: 3,
      path: '',
      message: /YAML 格式错误.*Tab/,
    },
    {
      name: 'duplicate key in a mapping',
      text: y(...UNIT, '    name: 教务处2'),
      line: 5,
      path: '',
      message: /重复的字段名/,
    },
    {
      name: 'missing unit name',
      text: y('units:', '  - id: jwc', '    head: ou_jwc_head'),
      line: 2,
      path: 'units[0].name',
      message: /缺少单位名称/,
    },
    {
      name: 'empty unit name',
      text: y('units:', '  - id: jwc', '    name: "  "'),
      line: 3,
      path: 'units[0].name',
      message: /单位名称（name）不能为空/,
    },
    {
      name: 'missing person name (blank value)',
      text: y('people:', '  - id: ou_a', '    name:', '    roles: []'),
      line: 3,
      path: 'people[0].name',
      message: /姓名（name）不能为空/,
    },
    {
      name: 'not a mapping (a list)',
      text: y('- id: jwc', '  name: 教务处'),
      line: 1,
      path: '',
      message: /顶层必须是映射/,
    },
    {
      name: 'not a mapping (a scalar)',
      text: y('# comment', 'hello'),
      line: 2,
      path: '',
      message: /顶层必须是映射/,
    },
    {
      name: 'empty file',
      text: '# nothing here\n',
      line: null,
      path: '',
      message: /文件为空/,
    },
    {
      name: 'units not a list',
      text: y('units:', '  jwc: 教务处'),
      line: 2,
      path: 'units',
      message: /units 必须是列表/,
    },
    {
      name: 'unit entry not a mapping',
      text: y('units:', '  - jwc'),
      line: 2,
      path: 'units[0]',
      message: /每个单位必须是/,
    },
  ];

  it.each(cases)('$name', ({ text, line, path, message }) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, path });
    expect(problems[0]?.message).toMatch(message);
  });
});

describe('parseOrg: several problems at once', () => {
  const text = y(
    'units:', //                                 1
    '  - id: jwc', //                            2
    '    name: 教务处', //                        3
    '    liason: [ou_x]', //                     4  unknown key
    '    chat: jwc-group', //                    5  bad chat
    '  - id: jwc', //                            6  duplicate id
    '    name: ""', //                           7  empty name
    'people:', //                                8
    '  - id: ou_a', //                           9
    '    name: 甲', //                           10
    '    roles: [supervisor, boss]', //          11 bad role
    '  - id: ou_b', //                           12
    '    name: 乙', //                           13
    '    roles: [observer]', //                  14
    '    leads: [jwc]', //                       15 leads on non-leader
    '  - id: ou_c', //                           16
    '    name: 丙', //                           17
    '    roles: [leader]', //                    18
    '    leads: [kyc]', //                       19 unknown unit
  );

  it('reports all of them, in line order', () => {
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [4, 'units[0].liason'],
      [5, 'units[0].chat'],
      [6, 'units[1].id'],
      [7, 'units[1].name'],
      [11, 'people[0].roles[1]'],
      [15, 'people[1].leads'],
      [19, 'people[2].leads[0]'],
    ]);
  });

  it('puts them all in the error message, in Chinese, one per line', () => {
    let err: unknown;
    try {
      parseOrg(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OrgFileError);
    const lines = (err as OrgFileError).message.split('\n');
    expect(lines[0]).toBe('组织架构文件有 7 处问题：');
    expect(lines).toHaveLength(8);
    expect(lines[4]).toMatch(/^第 7 行 units\[1\]\.name: 单位名称/);
  });

  it('orders problems on one line by column', () => {
    const problems = problemsOf(y(...UNIT, '    liaisons: [ou_a, ou_a, 3, 张三]'));
    expect(problems.map((p) => p.path)).toEqual(['units[0].liaisons[1]', 'units[0].liaisons[2]', 'units[0].liaisons[3]']);
    expect(problems.every((p) => p.line === 5)).toBe(true);
  });

  it('reports every syntax error', () => {
    const problems = problemsOf(y('units:', '  - id: jwc', '\tname: a', 'people:', '  - id: ou_a', '\tname: b'));
    expect(problems.map((p) => p.line)).toEqual([3, 6]);
  });
});

describe('parseOrg: heads and liaisons written with their name', () => {
  it('accepts {id, name} for a head and for liaisons, flow or block, mixed with plain ids', () => {
    const org = parseOrg(
      y(
        'units:',
        '  - id: jwc',
        '    name: 教务处',
        '    head: {id: ou_jwc_head, name: 陈处长}',
        '    liaisons:',
        '      - ou_jwc_l1',
        '      - id: ou_jwc_l2',
        '        name: " 周晓燕 "',
        '  - id: kyc',
        '    name: 科研处',
        '    head:',
        '      id: ou_kyc_head',
        '      name: 黄处长',
        '    liaisons: [{id: ou_jwc_l2, name: 周晓燕}]',
      ),
    );
    expect(org.units).toEqual([
      { id: 'jwc', name: '教务处', head: 'ou_jwc_head', liaisons: ['ou_jwc_l1', 'ou_jwc_l2'], chat: null },
      { id: 'kyc', name: '科研处', head: 'ou_kyc_head', liaisons: ['ou_jwc_l2'], chat: null },
    ]);
    // Each person once, in file order; the name trimmed.
    expect(org.names).toEqual([
      { id: 'ou_jwc_head', name: '陈处长' },
      { id: 'ou_jwc_l2', name: '周晓燕' },
      { id: 'ou_kyc_head', name: '黄处长' },
    ]);
  });

  it('leaves out of names a person listed under people (the same name there is fine)', () => {
    const org = parseOrg(
      y('units:', '  - {id: xxhc, name: 信息化处, head: {id: ou_xu, name: 徐工}}', 'people:', '  - {id: ou_xu, name: 徐工, roles: [admin]}'),
    );
    expect(org.names).toEqual([]);
    expect(org.people).toEqual([{ id: 'ou_xu', name: '徐工', roles: ['admin'], leads: [] }]);
    expect(org.units[0]!.head).toBe('ou_xu');
  });

  const cases: { name: string; text: string; line: number; path: string; message: RegExp }[] = [
    {
      name: 'unknown key in a head',
      text: y(...UNIT.slice(0, 3), '    head:', '      id: ou_a', '      nmae: 陈处长'),
      line: 6,
      path: 'units[0].head.nmae',
      message: /未知字段 "nmae".*"name".*id、name/,
    },
    {
      name: 'head without an id',
      text: y(...UNIT.slice(0, 3), '    head: {name: 陈处长}'),
      line: 4,
      path: 'units[0].head.id',
      message: /缺少单位负责人的 open_id（id）/,
    },
    {
      name: 'head with a bad id',
      text: y(...UNIT.slice(0, 3), '    head: {id: chen, name: 陈处长}'),
      line: 4,
      path: 'units[0].head.id',
      message: /单位负责人 "chen" 写法不正确.*ou_/,
    },
    {
      name: 'head with an email id',
      text: y(...UNIT.slice(0, 3), '    head: {id: "email:chen@xjdx.edu.cn", name: 陈处长}'),
      line: 4,
      path: 'units[0].head.id',
      message: /暂不支持/,
    },
    {
      name: 'head with an empty name',
      text: y(...UNIT.slice(0, 3), '    head:', '      id: ou_a', '      name: " "'),
      line: 6,
      path: 'units[0].head.name',
      message: /单位负责人的姓名（name）不能为空/,
    },
    {
      name: 'head with a blank name',
      text: y(...UNIT.slice(0, 3), '    head:', '      id: ou_a', '      name:'),
      line: 6,
      path: 'units[0].head.name',
      message: /姓名（name）不能为空/,
    },
    {
      name: 'head without a name',
      text: y(...UNIT.slice(0, 3), '    head:', '      id: ou_a'),
      line: 5,
      path: 'units[0].head.name',
      message: /缺少单位负责人的姓名（name）；不写姓名时直接写 open_id 即可/,
    },
    {
      name: 'head as a list',
      text: y(...UNIT.slice(0, 3), '    head: [ou_a]'),
      line: 4,
      path: 'units[0].head',
      message: /单位负责人写法不正确.*\{id: ou_…, name: 姓名\}/,
    },
    {
      name: 'liaison with an unknown key',
      text: y(...UNIT, '    liaisons:', '      - {id: ou_l, name: 周, phone: "138"}'),
      line: 6,
      path: 'units[0].liaisons[0].phone',
      message: /未知字段 "phone".*联络人可用字段：id、name/,
    },
    {
      name: 'liaison without an id',
      text: y(...UNIT, '    liaisons:', '      - ou_l1', '      - name: 周晓燕'),
      line: 7,
      path: 'units[0].liaisons[1].id',
      message: /缺少联络人的 open_id（id）/,
    },
    {
      name: 'liaison with a bad id',
      text: y(...UNIT, '    liaisons: [{id: zhou, name: 周晓燕}]'),
      line: 5,
      path: 'units[0].liaisons[0].id',
      message: /联络人 "zhou" 写法不正确/,
    },
    {
      name: 'liaison with an empty name',
      text: y(...UNIT, '    liaisons: [{id: ou_l, name: ""}]'),
      line: 5,
      path: 'units[0].liaisons[0].name',
      message: /联络人的姓名（name）不能为空/,
    },
    {
      name: 'the same liaison twice, once with a name',
      text: y(...UNIT, '    liaisons:', '      - ou_l', '      - {id: ou_l, name: 周晓燕}'),
      line: 7,
      path: 'units[0].liaisons[1]',
      message: /联络人 "ou_l" 重复列出/,
    },
    {
      name: 'two names for one person under units',
      text: y(...UNIT.slice(0, 3), '    head: {id: ou_a, name: 陈处长}', '  - id: kyc', '    name: 科研处', '    liaisons: [{id: ou_a, name: 陈明}]'),
      line: 7,
      path: 'units[1].liaisons[0].name',
      message: /人员 "ou_a" 的姓名 "陈明" 与第 4 行的 "陈处长" 不一致/,
    },
    {
      name: 'a name under units that differs from the one under people',
      text: y(...UNIT.slice(0, 3), '    head: {id: ou_a, name: 陈处长}', 'people:', '  - id: ou_a', '    name: 陈明', '    roles: [supervisor]'),
      line: 4,
      path: 'units[0].head.name',
      message: /姓名 "陈处长" 与 people 中第 7 行的 "陈明" 不一致.*以 people 中的为准/,
    },
    {
      name: 'the same chat on two units',
      text: y(...UNIT, '    chat: oc_shared', '  - id: kyc', '    name: 科研处', '    chat: oc_shared'),
      line: 8,
      path: 'units[1].chat',
      message: /群聊 ID "oc_shared" 已用于另一个单位（第 5 行已使用）：一个群聊只能绑定一个单位/,
    },
  ];

  it.each(cases)('$name', ({ text, line, path, message }) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, path });
    expect(problems[0]?.message).toMatch(message);
  });

  it('reports a chat on three units twice, each pointing at the first', () => {
    const problems = problemsOf(
      y('units:', '  - {id: a, name: 甲, chat: oc_x}', '  - {id: b, name: 乙, chat: oc_x}', '  - {id: c, name: 丙, chat: oc_x}'),
    );
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [3, 'units[1].chat'],
      [4, 'units[2].chat'],
    ]);
    expect(problems.every((p) => p.message.includes('第 2 行'))).toBe(true);
  });
});

describe('parseOrg: liaisons list items', () => {
  it('refuses an empty item and a number, each on its own line', () => {
    const problems = problemsOf(y(...UNIT, '    liaisons:', '      -', '      - 3'));
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [6, 'units[0].liaisons[0]'],
      [7, 'units[0].liaisons[1]'],
    ]);
  });
});
