import { describe, expect, it } from 'vitest';
import { classifySource } from '../../src/bot/classify-source';
import { parseCommand, stripMentions, type ParsedCommand } from '../../src/bot/parse-command';
import { SOURCE_LABELS, SourceCategories, type SourceCategory } from '../../src/domain/item';

const quick = (over: Partial<Extract<ParsedCommand, { kind: 'new_quick' }>>): ParsedCommand => ({
  kind: 'new_quick',
  title: '完成迎评材料',
  lead: '教务处',
  coop: [],
  deadline: '2026-06-30',
  leader: null,
  cycle: 'none',
  source: null,
  important: false,
  flagged: false,
  confidential: false,
  ...over,
});

describe('stripMentions', () => {
  it.each([
    ['@_user_1 /督办 列表', '/督办 列表'],
    ['@_user_1 @_user_12 /督办 列表', '/督办 列表'],
    ['@_all /督办 帮助', '/督办 帮助'],
    ['@_user_1/督办 列表', '/督办 列表'],
    ['/督办 催办 2026-17 @_user_3 请尽快', '/督办 催办 2026-17 请尽快'],
    ['\u3000/督办\u3000列表\u3000\u3000逾期  ', '/督办 列表 逾期'],
    ['a\t\tb', 'a b'],
    ['第一行  \n   第二行', '第一行\n第二行'],
    ['第一行\r\n第二行', '第一行\n第二行'],
    ['一\n\n\n\n二', '一\n\n二'],
    ['\u200b/督办 列表', '/督办 列表'],
    ['@_user_1', ''],
    ['@_allison 你好', '@_allison 你好'],
  ])('%j → %j', (input, out) => {
    expect(stripMentions(input)).toBe(out);
  });
});

describe('addressing', () => {
  it.each([
    ['/督办', 'help'],
    ['/督办   ', 'help'],
    ['@_user_1 /督办', 'help'],
    ['/duban', 'help'],
    ['/DUBAN', 'help'],
    ['/Duban help', 'help'],
    ['／督办', 'help'],
    ['、督办 帮助', 'help'],
    ['/ 督办 帮助', 'help'],
    ['/督办 帮助', 'help'],
    ['/督办 help', 'help'],
    ['/督办 HELP', 'help'],
    ['/督办 ?', 'help'],
    ['/督办 ？', 'help'],
    ['/督办？', 'help'],
    ['/督办 帮助 新建', 'help'],
    ['督办 帮助', 'help'],
    ['督办 help', 'help'],
    ['@_user_1 督办 ?', 'help'],
    ['/督办 新建', 'new_form'],
    ['/督办 new', 'new_form'],
    ['/督办 新建  ', 'new_form'],
    ['/duban new', 'new_form'],
    ['督办 新建', 'new_form'],
    ['@_user_1 /督办新建', 'new_form'],
  ])('%j → %s', (input, kind) => {
    expect(parseCommand(input)).toEqual({ kind });
  });

  it.each([
    [''],
    ['   '],
    ['@_user_1'],
    ['你好'],
    ['@_user_1 你好，请问怎么登记'],
    ['督办'],
    ['@_user_1 督办'],
    ['督办一下这个事'],
    ['督办〔2026〕17号进展如何'],
    ['督办 这个事情谁负责？'],
    ['督办 列表发我一下'], // bare 督办 needs the subcommand standing alone
    ['督办 进展如何'],
    ['请 /督办 列表'],
    ['/dubanlist'],
    ['/dubai 列表'],
    ['/help'],
    ['duban list'],
  ])('%j → not_command', (input) => {
    expect(parseCommand(input)).toEqual({ kind: 'not_command' });
  });

  it.each([
    ['/督办 删除 2026-17', '未知指令“删除”'],
    ['/督办 delete', '未知指令“delete”'],
    ['/督办 newsletter', '未知指令“newsletter”'],
    ['/督办 这是一个非常非常非常非常非常非常长的未知指令文本内容', '未知指令“这是一个非常非常非常非常非常非常长的未知…”'],
    ['督办 新建 完成迎评', '缺少主办单位'], // bare form, once recognised, reports errors
  ])('%j → error containing %j', (input, fragment) => {
    const r = parseCommand(input);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toContain(fragment);
  });

  it('lists the commands on an unknown subcommand', () => {
    const r = parseCommand('/督办 删除');
    expect(r.kind === 'error' && r.message).toMatch(/可用指令[\s\S]*新建[\s\S]*列表[\s\S]*查看[\s\S]*进展[\s\S]*催办[\s\S]*绑定/);
  });
});

describe('新建 quick form', () => {
  it.each<[string, ParsedCommand]>([
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30', quick({})],
    ['/督办 新建 完成迎评材料 主办：教务处 截止：2026-06-30', quick({})],
    ['/督办 新建 完成迎评材料 截止:2026-06-30 主办:教务处', quick({})],
    ['@_user_1 /督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30', quick({})],
    ['/duban new 完成迎评材料 lead:教务处 due:2026-06-30', quick({})],
    ['/duban NEW 完成迎评材料 LEAD: 教务处 Deadline: 2026-06-30', quick({})],
    ['/督办 新建 完成迎评材料 主办 : 教务处 截止 ： 2026-06-30', quick({})],
    ['/督办　新建　完成迎评材料　主办：教务处　截止：2026-06-30', quick({})],
    ['/督办 新建 完成迎评材料，主办:教务处，截止:2026-06-30。', quick({})],
    ['/督办 新建 完成迎评材料主办:教务处截止:2026-06-30', quick({})],
    ['/督办新建完成迎评材料 主办:教务处 截止:2026-06-30', quick({})],
    ['/督办 新建 完成迎评材料\n主办:教务处\n截止:2026-06-30', quick({})],
    ['/督办 新建 完成迎评材料 主办单位:教务处 截止日期:2026-06-30', quick({})],
    ['/督办 新建 完成迎评材料 责任单位:教务处 完成时限:2026-06-30', quick({})],
    ['督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30', quick({})],
    // titles with spaces
    [
      '/督办 新建 推进 2026 年 本科教学审核评估 主办:教务处 截止:2026年6月30日',
      quick({ title: '推进 2026 年 本科教学审核评估', deadline: '2026年6月30日' }),
    ],
    [
      '/督办 新建 关于“双一流”建设 中期 自评 主办:发展规划处 截止:6月30日',
      quick({ title: '关于“双一流”建设 中期 自评', lead: '发展规划处', deadline: '6月30日' }),
    ],
    // the deadline is returned as typed, not validated
    ['/督办 新建 完成迎评材料 主办:教务处 截止:下周五', quick({ deadline: '下周五' })],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-02-30', quick({ deadline: '2026-02-30' })],
    // unit names are not validated; spaces inside a value collapse
    ['/督办 新建 完成迎评材料 主办:不存在的  单位 截止:2026-06-30', quick({ lead: '不存在的 单位' })],
    // 协办 splitting
    [
      '/督办 新建 完成迎评材料 主办:教务处 协办:学生处,人事处，财务处、后勤处;保卫处；团委 图书馆 截止:2026-06-30',
      quick({ coop: ['学生处', '人事处', '财务处', '后勤处', '保卫处', '团委', '图书馆'] }),
    ],
    [
      '/督办 新建 完成迎评材料 主办:教务处 coop: 学生处, 人事处 due:2026-06-30',
      quick({ coop: ['学生处', '人事处'] }),
    ],
    ['/督办 新建 完成迎评材料 主办:教务处 配合:学生处 截止:2026-06-30', quick({ coop: ['学生处'] })],
    // leader and source
    [
      '/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 分管:张三 来源:2026年第5次校长办公会',
      quick({ leader: '张三', source: '2026年第5次校长办公会' }),
    ],
    [
      '/督办 新建 完成迎评材料 source: 教育部 关于 开展审核评估的通知 leader:李四 lead:教务处 due:2026-06-30',
      quick({ leader: '李四', source: '教育部 关于 开展审核评估的通知' }),
    ],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 分管领导:王五', quick({ leader: '王五' })],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 周期:每两周', quick({ cycle: 'biweekly' })],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 报送周期：每月', quick({ cycle: 'monthly' })],
    // flags in different positions
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 重要', quick({ important: true })],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 重要 挂牌 涉密', quick({ important: true, flagged: true, confidential: true })],
    ['/督办 新建 完成迎评材料 重要 主办:教务处 截止:2026-06-30', quick({ important: true })],
    ['/督办 新建 重要 完成迎评材料 主办:教务处 截止:2026-06-30', quick({ important: true })],
    ['/督办 新建 重要 涉密 完成迎评材料 主办:教务处 截止:2026-06-30', quick({ important: true, confidential: true })],
    ['/督办 新建 完成迎评材料 主办:教务处 挂牌督办 截止:2026-06-30', quick({ flagged: true })],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30，重要，涉密', quick({ important: true, confidential: true })],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 [重要] 【挂牌】', quick({ important: true, flagged: true })],
    ['/督办 新建 完成迎评材料 协办:学生处 人事处 挂牌 主办:教务处 截止:2026-06-30', quick({ coop: ['学生处', '人事处'], flagged: true })],
    [
      '/duban new 完成迎评材料 lead:教务处 due:2026-06-30 important flagged confidential',
      quick({ important: true, flagged: true, confidential: true }),
    ],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 重要 重要', quick({ important: true })],
    // flag words that do not stand alone are text
    ['/督办 新建 做好重要节点安全保卫工作 主办:保卫处 截止:2026-10-01', quick({ title: '做好重要节点安全保卫工作', lead: '保卫处', deadline: '2026-10-01' })],
    ['/督办 新建 涉密载体清查 主办:保密办 截止:2026-06-30', quick({ title: '涉密载体清查', lead: '保密办' })],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 来源:重要会议', quick({ source: '重要会议' })],
    // quotes protect a title from being read as keys or flags
    [
      '/督办 新建 “关于 重要 事项 主办:的说明” 主办:党委办公室 截止:2026-06-30',
      quick({ title: '关于 重要 事项 主办:的说明', lead: '党委办公室' }),
    ],
    ['/督办 新建 "落实 重要 批示" 主办:教务处 截止:2026-06-30', quick({ title: '落实 重要 批示' })],
    // English keys need a word boundary
    ['/duban new mislead:test lead:教务处 due:2026-06-30', quick({ title: 'mislead:test' })],
  ])('%j', (input, expected) => {
    expect(parseCommand(input)).toEqual(expected);
  });

  it.each([
    ['/督办 新建 主办:教务处 截止:2026-06-30', '缺少事项标题'],
    ['/督办 新建 重要 主办:教务处 截止:2026-06-30', '缺少事项标题'],
    ['/督办 新建 主办:教务处 完成迎评材料 截止:2026-06-30', '缺少事项标题'],
    ['/督办 新建 完成迎评材料 截止:2026-06-30', '缺少主办单位'],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 周期:每天', '无法识别报送周期'],
    ['/督办 新建 完成迎评材料 主办:教务处', '缺少截止日期'],
    ['/督办 新建 完成迎评材料', '缺少主办单位'],
    ['/督办 新建 完成迎评材料', '缺少截止日期'],
    ['/督办 新建 完成迎评材料 主办 教务处 截止 2026-06-30', '缺少主办单位'],
    ['/督办 新建 完成迎评材料 主办:教务处 主办:学生处 截止:2026-06-30', '“主办”填写了两次'],
    ['/督办 新建 完成迎评材料 主办:教务处 lead:学生处 截止:2026-06-30', '“主办”填写了两次'],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 due:2026-07-01', '“截止”填写了两次'],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 来源:a 来源:b', '“来源”填写了两次'],
    ['/督办 新建 完成迎评材料 主办: 截止:2026-06-30', '“主办:”后面没有填写内容'],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:', '“截止:”后面没有填写内容'],
    ['/督办 新建 完成迎评材料 主办:教务处 截止：。', '“截止:”后面没有填写内容'],
    ['/督办 新建 完成迎评材料 主办:教务处 协办:，、 截止:2026-06-30', '“协办:”后面没有填写内容'],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 分管: 重要', '“分管:”后面没有填写内容'],
    ['/督办 新建 关于 重要 会议 主办:教务处 截止:2026-06-30', '无法识别“会议”'],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 重要 请尽快', '无法识别“请尽快”'],
    ['/督办 新建 完成迎评材料 主办:教务处 截止:2026-06-30 重要 请尽快', '请给标题加引号'],
  ])('%j → error containing %j', (input, fragment) => {
    const r = parseCommand(input);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toContain(fragment);
  });

  it('names every problem at once and shows the right form', () => {
    const r = parseCommand('/督办 新建 主办:教务处 主办:学生处');
    expect(r.kind).toBe('error');
    const msg = r.kind === 'error' ? r.message : '';
    expect(msg).toContain('“主办”填写了两次');
    expect(msg).toContain('缺少事项标题');
    expect(msg).toContain('缺少截止日期');
    expect(msg).toContain('格式：/督办 新建 <标题> 主办:<单位> 截止:<日期>');
    expect(msg).toContain('例如：/督办 新建');
  });
});

describe('列表', () => {
  it.each<[string, string]>([
    ['/督办 列表', 'mine'],
    ['/督办 list', 'mine'],
    ['/督办列表', 'mine'],
    ['督办 列表', 'mine'],
    ['@_user_1 /督办 列表', 'mine'],
    ['/督办 列表 我的', 'mine'],
    ['/督办 list mine', 'mine'],
    ['/督办 列表 本单位', 'unit'],
    ['/督办 列表 单位', 'unit'],
    ['/督办 list unit', 'unit'],
    ['/督办 列表 逾期', 'overdue'],
    ['/督办列表逾期', 'overdue'],
    ['/督办 LIST OVERDUE', 'overdue'],
    ['/督办　列表　待审核', 'review'],
    ['/督办 list review', 'review'],
    ['/督办 列表 全部', 'all'],
    ['/duban ls all', 'all'],
    ['/督办 列表 我的 我的', 'mine'],
  ])('%j → %s', (input, scope) => {
    expect(parseCommand(input)).toEqual({ kind: 'list', scope, filters: {} });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['/督办 列表 本单位 红', 'unit', { lights: ['red'] }],
    ['/督办 列表 红灯 黄', 'mine', { lights: ['red', 'yellow'] }],
    ['/duban list all green', 'all', { lights: ['green'] }],
    [
      '/督办 列表 全部 状态:办理中 单位:教务处 年份:2026 关键词:培养方案',
      'all',
      { states: ['in_progress'], units: ['教务处'], year: 2026, keyword: '培养方案' },
    ],
    // Any order; the scope may come after the conditions; full-width colons and spaces around them.
    ['/督办 列表 关键词：培养方案 本单位', 'unit', { keyword: '培养方案' }],
    ['/督办 列表 状态 : 待认领,办理中', 'mine', { states: ['assigned', 'in_progress'] }],
    ['/督办 列表 状态:已办结', 'mine', { states: ['closed', 'archived'] }],
    ['/督办 列表 单位:教务处，科研处', 'mine', { units: ['教务处', '科研处'] }],
    // Bare state words (待审核 alone stays the scope) and a bare year.
    ['/督办 列表 本单位 办理中，待认领', 'unit', { states: ['in_progress', 'assigned'] }],
    ['/督办 列表 2026年', 'mine', { year: 2026 }],
    ['/督办 列表 全部 2025', 'all', { year: 2025 }],
    ['/督办 列表 待审核', 'review', {}],
    // Quotes keep spaces in a keyword.
    ['/督办 列表 关键词:“培养 方案”', 'mine', { keyword: '培养 方案' }],
    ['/duban list kw:"AI lab"', 'mine', { keyword: 'AI lab' }],
    ['/督办 列表 已办结', 'mine', { closed: 'only' }],
    ['/督办 列表 本单位 含已办结', 'unit', { closed: 'include' }],
    ['/督办 列表 全部 已办结 单位:教务处 年份:2026', 'all', { closed: 'only', units: ['教务处'], year: 2026 }],
  ])('%j → %s with %j', (input, scope, filters) => {
    expect(parseCommand(input)).toEqual({ kind: 'list', scope, filters });
  });

  it.each([
    ['/督办 列表 昨天', '无法识别“昨天”'],
    ['/督办 list everything', '范围可选：我的（默认）、本单位、逾期、待审核、全部'],
    ['/督办 列表 我的 逾期', '范围只能写一个（已写“我的”，又写“逾期”）'],
    ['/督办 列表 截止:2026-12-31', '无法识别条件“截止:”'],
    ['/督办 列表 状态:进行中', '状态“进行中”无法识别'],
    ['/督办 列表 状态:', '“状态:”后缺少内容'],
    ['/督办 列表 年份:26', '年份“26”应为四位数字'],
    ['/督办 列表 年份:2026 年份:2025', '“年份:”写了两次'],
    ['/督办 列表 单位:教务处 单位:科研处', '多个单位请用逗号分隔'],
    ['/督办 列表 已办结 含已办结', '只写一个'],
    ['/督办 列表 已办结 红', '已办结的事项没有红黄绿灯'],
    ['/督办 列表 逾期 含已办结', '“逾期”只含未办结的事项'],
    ['/督办 列表 待审核 已办结', '“待审核”只含未办结的事项'],
    ['/督办 列表 状态:办理中 已办结', '已写状态，无需再写“已办结”'],
    [`/督办 列表 关键词:${'很'.repeat(31)}`, '关键词最多 30 字'],
  ])('%j → error containing %j', (input, fragment) => {
    const r = parseCommand(input);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toContain(fragment);
    expect(r.kind === 'error' && r.message).toContain('列表条件有误');
  });

  it('reports everything not understood at once, with an example', () => {
    const r = parseCommand('/督办 列表 昨天 状态:进行中 年份:x');
    const msg = r.kind === 'error' ? r.message : '';
    for (const s of ['无法识别“昨天”', '状态“进行中”无法识别', '年份“x”', '例如：/督办 列表 本单位 红 关键词:培养方案']) expect(msg).toContain(s);
  });
});

describe('查看', () => {
  it.each([
    ['/督办 查看 督办〔2026〕17号', '督办〔2026〕17号'],
    ['/督办 查看 〔2026〕17号', '〔2026〕17号'],
    ['/督办 查看 2026-17', '2026-17'],
    ['/督办 查看 [2026]17', '[2026]17'],
    ['/督办 查看 【2026】17号', '【2026】17号'],
    ['/督办 查看 2026/17', '2026/17'],
    ['/督办 查看 督办〔2026〕 17号', '督办〔2026〕17号'],
    ['/督办 查看 督办 〔2026〕17号', '督办〔2026〕17号'],
    ['/督办 查看 〔2026〕 17 号', '〔2026〕17号'],
    ['/督办 查看 2026 - 17', '2026-17'],
    ['/督办 查看 2026 17', '2026'], // not a number (parseItemNumber wants brackets or a dash): first token as typed
    ['/督办 view 2026-17', '2026-17'],
    ['/duban VIEW 2026-17', '2026-17'],
    ['/督办 详情 2026-17', '2026-17'],
    ['/督办查看2026-17', '2026-17'],
    ['/督办 查看 2026-17 进展如何', '2026-17'], // the rest is ignored
    ['/督办 查看 17', '17'], // not a number the parser knows: taken as typed, the handler says so
    ['/督办 查看 第十七号', '第十七号'],
    ['@_user_1 /督办 查看 督办〔2026〕17号 @_user_2', '督办〔2026〕17号'],
    // shortcut: /督办 <编号>
    ['/督办 2026-17', '2026-17'],
    ['/督办〔2026〕17号', '〔2026〕17号'],
    ['/督办 督办〔2026〕17号', '督办〔2026〕17号'],
  ])('%j → %j', (input, ref) => {
    expect(parseCommand(input)).toEqual({ kind: 'view', ref });
  });

  it.each([['/督办 查看'], ['/督办 view'], ['@_user_1 /督办 查看 @_user_2']])('%j → error 缺少编号', (input) => {
    const r = parseCommand(input);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toContain('缺少编号');
    expect(r.kind === 'error' && r.message).toContain('/督办 查看 <编号>');
  });
});

describe('进展', () => {
  it.each<[string, string, string]>([
    ['/督办 进展 2026-17 已完成初稿', '2026-17', '已完成初稿'],
    ['/督办 进展 督办〔2026〕17号 已完成初稿，正在征求意见', '督办〔2026〕17号', '已完成初稿，正在征求意见'],
    ['/督办 进展 督办〔2026〕 17号 已完成初稿', '督办〔2026〕17号', '已完成初稿'],
    ['/督办 进展 督办〔2026〕17号已完成初稿', '督办〔2026〕17号', '已完成初稿'],
    ['/督办 进展 2026-17：已完成初稿', '2026-17', '已完成初稿'],
    ['/督办 进展 2026-17 已召开 3 次 协调会', '2026-17', '已召开 3 次 协调会'],
    ['/督办 progress 2026-17 draft done', '2026-17', 'draft done'],
    ['/督办进展2026-17 已完成初稿', '2026-17', '已完成初稿'],
    ['@_user_1 /督办 进展 [2026]17 已完成初稿', '[2026]17', '已完成初稿'],
    [
      '/督办 进展 2026-17\n1. 完成自评报告初稿；\n2. 组织专家预评估；\n\n3. 下周提交校长办公会。',
      '2026-17',
      '1. 完成自评报告初稿；\n2. 组织专家预评估；\n\n3. 下周提交校长办公会。',
    ],
    ['/督办 进展 2026-17 第一行  \n   第二行', '2026-17', '第一行\n第二行'],
    ['/督办 进展 2026-17 完成 2026 年 计划', '2026-17', '完成 2026 年 计划'],
    ['督办 进展 2026-17 已完成初稿', '2026-17', '已完成初稿'],
  ])('%j', (input, ref, text) => {
    expect(parseCommand(input)).toEqual({ kind: 'progress', ref, text });
  });

  it.each([
    ['/督办 进展', '缺少编号和进展情况'],
    ['/督办 进展 2026-17', '缺少进展情况'],
    ['/督办 进展 2026-17 ：', '缺少进展情况'],
    ['/督办 进展 督办〔2026〕 17号', '缺少进展情况'],
    ['/督办 进展 已完成初稿', '“已完成初稿”被当作编号'],
    ['/督办 progress 2026-17', '/督办 进展 <编号> <进展情况>'],
  ])('%j → error containing %j', (input, fragment) => {
    const r = parseCommand(input);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toContain(fragment);
  });
});

describe('催办', () => {
  it.each<[string, string, string | null]>([
    ['/督办 催办 2026-17', '2026-17', null],
    ['/督办 urge 2026-17', '2026-17', null],
    ['/督办 催办 督办〔2026〕17号 请于本周五前反馈', '督办〔2026〕17号', '请于本周五前反馈'],
    ['/督办 催办 督办〔2026〕 17号 请于本周五前反馈', '督办〔2026〕17号', '请于本周五前反馈'],
    ['/督办 催办 2026-17，请尽快', '2026-17', '请尽快'],
    ['/督办 催办 2026-17 @_user_4 请尽快\n抄送分管领导', '2026-17', '请尽快\n抄送分管领导'],
    ['/duban URGE 〔2026〕17号 please hurry', '〔2026〕17号', 'please hurry'],
  ])('%j', (input, ref, note) => {
    expect(parseCommand(input)).toEqual({ kind: 'urge', ref, note });
  });

  it.each([['/督办 催办'], ['/督办 urge  ']])('%j → error 缺少编号', (input) => {
    const r = parseCommand(input);
    expect(r.kind === 'error' && r.message).toContain('缺少编号');
    expect(r.kind === 'error' && r.message).toContain('/督办 催办 <编号> [说明]');
  });
});

describe('绑定', () => {
  it.each<[string, string]>([
    ['/督办 绑定 教务处', '教务处'],
    ['/督办 bind 教务处', '教务处'],
    ['@_user_1 /督办 绑定 计算机科学与技术学院', '计算机科学与技术学院'],
    ['/督办 绑定：教务处', '教务处'],
    ['/督办绑定教务处', '教务处'],
    ['/督办 绑定 马克思主义 学院', '马克思主义 学院'],
    ['/督办 绑定 School of Law', 'School of Law'],
  ])('%j → %j', (input, unit) => {
    expect(parseCommand(input)).toEqual({ kind: 'bind', unit, confirm: false });
  });

  it('a trailing 确认 moves a chat held by another unit', () => {
    expect(parseCommand('/督办 绑定 教务处 确认')).toEqual({ kind: 'bind', unit: '教务处', confirm: true });
    expect(parseCommand('/督办 绑定 确认')).toEqual({ kind: 'bind', unit: '确认', confirm: false });
  });

  it.each([['/督办 绑定'], ['/督办 bind'], ['/督办 绑定 ：']])('%j → error 缺少单位名称', (input) => {
    const r = parseCommand(input);
    expect(r.kind === 'error' && r.message).toContain('缺少单位名称');
  });
});

describe('classifySource', () => {
  it.each<[string, SourceCategory]>([
    ['2026年第3次党委会', 'committee'],
    ['党委常委会会议纪要〔2026〕5号', 'committee'],
    ['校长办公会', 'committee'], // contains 会, still committee
    ['第12次校长办公会会议纪要', 'committee'], // contains 会议, still committee
    ['党委全委会工作报告', 'committee'],
    ['校务会', 'committee'],
    ['七届三次教代会', 'congress'],
    ['教职工代表大会第15号提案', 'congress'],
    ['提案办理', 'congress'],
    ['教育部关于开展审核评估的通知', 'superior'],
    ['省委巡视反馈意见整改', 'superior'],
    ['省政府办公厅督查', 'superior'],
    ['上级交办', 'superior'], // 交办 alone would be leader_instruction
    ['教育部领导批示', 'superior'], // 批示 alone would be leader_instruction
    ['省教育厅转办', 'superior'],
    ['2026年学校年度工作要点', 'annual_plan'],
    ['党政工作要点第7条', 'annual_plan'],
    ['校领导批示', 'leader_instruction'],
    ['王书记批示', 'leader_instruction'],
    ['校长交办', 'leader_instruction'],
    ['校领导关于师生反映问题的批示', 'leader_instruction'],
    ['重点信访件', 'petition'],
    ['师生关切问题', 'petition'],
    ['师生反映食堂价格', 'petition'],
    ['校长信箱转办', 'petition'], // 转办 is weak
    ['转办件', 'superior'],
    ['每周工作例会', 'meeting'],
    ['专题会', 'meeting'],
    ['工作调度会', 'meeting'],
    ['迎评工作推进会议', 'meeting'],
    ['学院自行提出', 'other'],
    ['', 'other'],
    ['other', 'other'],
    ['Superior', 'superior'],
    ['meeting', 'meeting'],
  ])('%j → %s', (text, category) => {
    expect(classifySource(text)).toEqual({ category, ref: text.trim() });
  });

  it('keeps the original text, trimmed, as ref', () => {
    expect(classifySource('  2026年第3次党委会 \n')).toEqual({ category: 'committee', ref: '2026年第3次党委会' });
  });

  it.each(SourceCategories.map((c) => [SOURCE_LABELS[c], c] as const))('label %j → %s', (label, category) => {
    expect(classifySource(label).category).toBe(category);
  });
});

describe('parsing is linear in the length of the message', () => {
  // Inputs that made the old parser quadratic: openings never closed, runs of separators, quoted keys.
  const shapes: Record<string, (n: number) => string> = {
    'unmatched “': (n) => `/督办 新建 ${'“'.repeat(n)}`,
    'unmatched "': (n) => `/督办 新建 标题 ${'"'.repeat(n)} 主办:教务处 截止:2026-12-31`,
    'separator runs': (n) => `/督办 新建 标题 主办:教务处${'，'.repeat(n)}x 截止:2026-12-31`,
    'quoted keys': (n) => `/督办 新建 ${'“主办:”'.repeat(n / 4)} 主办:教务处 截止:2026-12-31`,
  };
  const fastest = (text: string) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      parseCommand(text);
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  it.each(Object.keys(shapes))('%s: 16× the input costs far less than 256× the time', (shape) => {
    const make = shapes[shape]!;
    // A complexity check, not a speed target: quadratic work would make the ratio ~256; linear, ~16.
    const small = Math.max(fastest(make(2_500)), 0.05);
    const large = fastest(make(40_000));
    expect(large / small).toBeLessThan(80);
  });

  it('the unmatched quotes still parse to the right answer', () => {
    const r = parseCommand(`/督办 新建 “标题 主办:教务处 截止:2026-12-31`);
    expect(r).toMatchObject({ kind: 'new_quick', lead: '教务处', deadline: '2026-12-31' });
    expect(parseCommand(`/督办 新建 “甲 主办:乙” 主办:教务处 截止:2026-12-31`)).toMatchObject({ kind: 'new_quick', title: '甲 主办:乙', lead: '教务处' });
  });
});

describe('新建 takes every field of an item', () => {
  it('要求, 措施, 责任人, 方式, 类型, 阶段 and the rest', () => {
    const r = parseCommand(
      '/督办 新建 推进智慧校园二期建设 主办:信息化处 截止:2027-06-30 要求:完成数据中台上线 措施:每月调度 责任人:王处长 方式:现场 类型:专项 阶段:招标 2027-01-31；上线 2027-05-31 挂牌',
    );
    expect(r).toMatchObject({
      kind: 'new_quick',
      title: '推进智慧校园二期建设',
      requirements: '完成数据中台上线',
      measures: '每月调度',
      responsible: '王处长',
      mode: 'site',
      itemKind: 'notice',
      stages: [
        { name: '招标', date: '2027-01-31' },
        { name: '上线', date: '2027-05-31' },
      ],
      flagged: true,
    });
  });

  it.each([
    ['方式:随便', '督办方式'],
    ['类型:其他', '事项类型'],
    ['阶段:初稿', '阶段'],
    ['理由:不需要', '不需要“理由:”'],
  ])('refuses %s', (extra, message) => {
    const r = parseCommand(`/督办 新建 某事项 主办:教务处 截止:2027-01-31 ${extra}`);
    expect(r.kind).toBe('error');
    expect((r as { message: string }).message).toContain(message);
  });
});

describe('修改, 撤销, 合并', () => {
  it('修改 changes only the keys given, and needs a reason', () => {
    expect(parseCommand('/督办 修改 2026-17 截止:2027-01-15 协办:科研处,人事处 重要:否 理由:校长办公会同意调整')).toEqual({
      kind: 'edit',
      ref: '2026-17',
      changes: { deadline: '2027-01-15', coop: ['科研处', '人事处'], important: false },
      reason: '校长办公会同意调整',
    });
    expect(parseCommand('/督办 修改 督办〔2026〕17号 标题:“修订本科专业培养方案” 理由:笔误')).toMatchObject({ kind: 'edit', changes: { title: '修订本科专业培养方案' } });
    for (const bad of ['/督办 修改 2026-17 截止:2027-01-15', '/督办 修改 2026-17 理由:无', '/督办 修改', '/督办 修改 2026-17 随便写写 理由:x', '/督办 修改 2026-17 涉密 理由:x']) {
      expect(parseCommand(bad).kind, bad).toBe('error');
    }
  });

  it('撤销 needs a reason; 合并 names two items', () => {
    expect(parseCommand('/督办 撤销 2026-17 上级已撤回该任务')).toEqual({ kind: 'cancel', ref: '2026-17', reason: '上级已撤回该任务' });
    expect(parseCommand('/督办 撤销 2026-17').kind).toBe('error');
    expect(parseCommand('/督办 合并 2026-18 到 2026-17')).toEqual({ kind: 'merge', ref: '2026-18', into: '2026-17' });
    expect(parseCommand('/督办 合并 督办〔2026〕18号 并入 督办〔2026〕17号')).toEqual({ kind: 'merge', ref: '督办〔2026〕18号', into: '督办〔2026〕17号' });
    expect(parseCommand('/督办 合并 2026-18').kind).toBe('error');
  });

  it('only the office gets past the subcommand', () => {
    for (const t of ['/督办 修改 2026-17 截止:2027-01-15 理由:x', '/督办 撤销 2026-17 理由', '/督办 合并 2026-18 到 2026-17']) {
      expect(parseCommand(t, { mayRegister: false })).toMatchObject({ kind: 'error' });
    }
  });
});
