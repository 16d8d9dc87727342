import { describe, expect, it } from 'vitest';
import { compareTitles, nearDuplicates, normaliseTitle } from '../../src/domain/similarity';

// The same matter, worded differently (as two offices or two meetings would write it).
const SAME: Array<[string, string]> = [
  ['推进智慧校园二期建设', '推进智慧校园二期 建设'],
  ['推进智慧校园二期建设', '推进智慧校园（二期）建设'],
  ['推进智慧校园二期建设', '加快推进智慧校园二期建设工作'],
  ['修订本科生培养方案', '修订本科生培养方案。'],
  ['修订本科生培养方案', '关于修订本科生培养方案的通知'],
  ['完成本科教学审核评估自评报告', '完成本科教学审核评估的自评报告'],
  ['完成本科教学审核评估自评报告', '本科教学审核评估自评报告'],
  ['实验室安全隐患排查整改', '实验室安全隐患排查与整改'],
  ['实验室安全隐患排查整改', '开展实验室安全隐患排查整改'],
  ['图书馆空调维修', '图书馆空调维修工作'],
  ['学生宿舍热水改造', '学生宿舍 热水 改造'],
  ['学生宿舍热水改造', '学生宿舍热水系统改造'],
  ['ESI学科排名提升计划', 'ＥＳＩ学科排名提升计划'],
  ['落实巡视整改反馈意见', '切实落实巡视整改反馈意见'],
  ['制定2027年招生计划', '制定 2027 年招生计划'],
  ['制定2027年招生计划', '做好2027年招生计划制定'],
  ['新校区食堂建设', '新校区食堂建设项目'],
  ['教职工代表大会提案办理', '教代会提案办理'],
  ['推进“双一流”建设', '推进双一流建设'],
  ['加强研究生导师队伍建设', '研究生导师队伍建设'],
  ['完成2026年度部门决算', '完成 2026 年度部门决算编报'],
];

// Different matters of one unit, which share the unit's vocabulary.
const DIFFERENT: Array<[string, string]> = [
  ['修订本科生培养方案', '修订研究生培养方案'],
  ['推进智慧校园二期建设', '推进新校区二期建设'],
  ['实验室安全隐患排查整改', '消防安全隐患排查整改'],
  ['完成本科教学审核评估自评报告', '完成学位授权点合格评估自评报告'],
  ['学生宿舍热水改造', '学生宿舍门禁改造'],
  ['图书馆空调维修', '体育馆空调维修'],
  ['制定2027年招生计划', '制定2027年就业计划'],
  ['制定2027年招生计划', '制定2026年招生计划'],
  ['新校区食堂建设', '新校区图书馆建设'],
  ['落实巡视整改反馈意见', '落实审计整改反馈意见'],
  ['ESI学科排名提升计划', '一流学科建设规划'],
  ['教职工代表大会提案办理', '学生代表大会提案办理'],
  ['修订本科生培养方案', '完善实验室安全管理制度'],
  ['开展师德师风专题教育', '开展安全教育专题培训'],
  ['加强研究生导师队伍建设', '加强辅导员队伍建设'],
  ['完成2026年度部门决算', '完成2026年度部门预算'],
  ['推进“双一流”建设', '推进一流本科专业建设'],
  // A short, general title inside a longer one names a broader or narrower matter, not the same one.
  ['校园安全', '校园安全隐患排查'],
];

describe('near-duplicate titles', () => {
  it('normalises width, spaces, punctuation and stock phrases', () => {
    expect(normaliseTitle('关于做好 ＥＳＩ（学科）排名，提升工作的通知')).toBe('esi学科排名提升');
  });

  it.each(SAME)('“%s” ≈ “%s”', (a, b) => {
    expect(compareTitles(a, b).same).toBe(true);
    expect(compareTitles(b, a)).toEqual(compareTitles(a, b));
  });

  it.each(DIFFERENT)('“%s” ≠ “%s”', (a, b) => {
    expect(compareTitles(a, b).same).toBe(false);
    expect(compareTitles(b, a).same).toBe(false);
  });

  it('the table has at least 30 pairs', () => {
    expect(SAME.length + DIFFERENT.length).toBeGreaterThanOrEqual(30);
  });

  it('lists the closest open items first, at most three', () => {
    const open = ['推进智慧校园二期建设', '推进智慧校园二期建设项目', '修订研究生培养方案', '智慧校园二期建设推进', '加快推进智慧校园二期建设'].map((title, id) => ({ id, title }));
    const found = nearDuplicates('推进智慧校园二期 建设', open);
    expect(found.map((f) => f.item.id)).toEqual([0, 4, 1]);
    expect(found[0]!.score).toBe(1);
  });
});
