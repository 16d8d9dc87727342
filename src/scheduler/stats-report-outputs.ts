/**
 * What an automatic statistics report is made of: the statistics card (cards/stats-cards.ts) and the workbook
 * (documents/stats-workbook.ts) of one StatsReport, drawn for {@link REPORT_READER}.
 */
import type { Card } from '../cards/types';
import { statsCard } from '../cards/stats-cards';
import type { Actor } from '../domain/actor';
import { statsFileName, statsWorkbook } from '../documents/stats-workbook';
import type { StatsReport } from '../services/statistics';

export interface StatsReportOutputs {
  card(report: StatsReport): Card;
  workbook(report: StatsReport, now: Date): Promise<Buffer>;
  fileName(report: StatsReport): string;
}

/**
 * Whom the one report sent to everybody is computed for: a reader of the whole school who is in charge of nothing.
 * The same file goes to every supervisor, leader and principal, and a leader may not see a confidential item of a
 * unit they do not lead, so confidential items are counted in every figure but listed as 涉密事项 N 项, untitled.
 */
export const REPORT_READER: Actor = { id: 'system:stats-report', name: '统计报告', roles: ['leader'], headOf: [], liaisonOf: [] };

export const defaultStatsOutputs: StatsReportOutputs = {
  card: (report) => statsCard(report),
  workbook: (report, now) => statsWorkbook(report, now),
  fileName: (report) => statsFileName(report),
};
