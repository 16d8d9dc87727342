/** `/督办 导出 [筛选]` and `/督办 导入模板` as typed: the conditions read, and what is refused said with what to write. */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/parse-command';

describe('/督办 导出', () => {
  it.each([
    ['/督办 导出', {}],
    ['/督办导出 全部', {}],
    ['/duban export 2026', { year: 2026 }],
    ['/督办 导出 年份:2026 单位:教务处,科研处 状态:办理中、待认领', { year: 2026, units: ['教务处', '科研处'], states: ['in_progress', 'assigned'] }],
    ['/督办 导出 已办结', { states: ['closed', 'archived'] }],
    ['/督办 导出 待认领', { states: ['assigned'] }],
    ['/督办 导出 归档年度:2025 归档类别：学校年度工作要点', { archiveYear: 2025, archiveCategory: '学校年度工作要点' }],
  ])('%s', (text, filters) => {
    expect(parseCommand(text)).toEqual({ kind: 'export', filters });
  });

  it.each([
    ['/督办 导出 红', '导出不按红黄绿灯筛选'],
    ['/督办 导出 关键词:培养方案', '导出不按关键词筛选'],
    ['/督办 导出 逾期', '无需写范围'],
    ['/督办 导出 本单位', '无需写范围'],
    ['/督办 导出 含已办结', '无需写“含已办结”'],
    ['/督办 导出 年份:26', '年份“26”应为四位数字'],
    ['/督办 导出 归档年度:去年', '归档年度“去年”应为四位数字'],
    ['/督办 导出 颜色:红', '无法识别条件“颜色:”'],
    [`/督办 导出 ${'单位:教务处 '.repeat(50)}`, '条件写得太长了'],
  ])('%s is refused', (text, said) => {
    const p = parseCommand(text);
    expect(p.kind).toBe('error');
    expect((p as { message: string }).message).toContain(said);
    expect((p as { message: string }).message).toContain('格式：/督办 导出');
  });
});

describe('/督办 导入模板', () => {
  it('is read for the office and refused to others before anything else', () => {
    expect(parseCommand('/督办 导入模板', { mayRegister: true })).toEqual({ kind: 'import_template' });
    expect(parseCommand('/督办 模板', { mayRegister: true })).toEqual({ kind: 'import_template' });
    expect(parseCommand('/督办 导入模板', { mayRegister: false })).toEqual({ kind: 'error', message: '只有督办人员可以批量登记事项' });
  });
});
