/**
 * `/督办 约谈 <编号> [二级] 时间:<…> 地点:<…> 约谈人:<…> [事由:<…>]` and `/督办 问责 <编号>`. Pure.
 *
 * The keys are read here rather than by parse-fields.ts: 时间 and 地点 are ordinary words in a registration's text,
 * and would become keys there. Keys in any order, `:` or `：`; a value runs to the next key. The level is the
 * next one on the ladder unless 一级 / 二级 is written after the number (or as 级别:二级).
 */
import type { EscalationStep } from '../domain/escalation';
import { NOTICE_LIMITS } from '../domain/escalation';

export type EscalationCommand =
  | { kind: 'interview'; ref: string; step?: Exclude<EscalationStep, 'referral'>; time: string; place: string; interviewer: string; reason: string }
  | { kind: 'referral'; ref: string };

export const ESCALATION_USAGE = {
  interview: '/督办 约谈 <编号> 时间:<时间> 地点:<地点> 约谈人:<姓名> [事由:<…>]',
  referral: '/督办 问责 <编号>',
} as const;

type Key = 'time' | 'place' | 'interviewer' | 'reason' | 'level';
const KEYS: Record<string, Key> = {
  约谈时间: 'time',
  时间: 'time',
  time: 'time',
  约谈地点: 'place',
  地点: 'place',
  place: 'place',
  约谈人: 'interviewer',
  interviewer: 'interviewer',
  事由: 'reason',
  原因: 'reason',
  reason: 'reason',
  级别: 'level',
  level: 'level',
};
const KEY_RE = new RegExp(`(${Object.keys(KEYS).sort((a, b) => b.length - a.length).join('|')})\\s*[:：]`, 'gi');
const LEVEL_RE = /^(一级|二级|1级|2级)(?:约谈)?$/;

type TakeRef = (args: string) => { ref: string; rest: string } | null;
type Parsed = EscalationCommand | { kind: 'error'; message: string };

const err = (message: string): Parsed => ({ kind: 'error', message });
const squeeze = (s: string) => s.replace(/\s+/g, ' ').replace(/^[\s,，;；、。]+|[\s,，;；、。]+$/g, '');

export function parseEscalation(sub: 'interview' | 'referral', args: string, takeRef: TakeRef): Parsed {
  const r = takeRef(args);
  if (!r) return err(`缺少编号。\n格式：${ESCALATION_USAGE[sub]}`);
  if (sub === 'referral') {
    if (squeeze(r.rest)) return err(`问责移交只需写编号。\n格式：${ESCALATION_USAGE.referral}`);
    return { kind: 'referral', ref: r.ref };
  }
  const values: Partial<Record<Key, string>> = {};
  const marks = [...r.rest.matchAll(KEY_RE)];
  const head = squeeze(r.rest.slice(0, marks[0]?.index ?? r.rest.length));
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i]!;
    const key = KEYS[m[1]!.toLowerCase()] ?? KEYS[m[1]!]!;
    if (values[key] !== undefined) return err(`「${m[1]}」写了两次，请只写一次`);
    values[key] = squeeze(r.rest.slice(m.index! + m[0].length, marks[i + 1]?.index ?? r.rest.length));
  }
  const levelWord = values.level ?? head;
  let step: 'interview1' | 'interview2' | undefined;
  if (levelWord) {
    const lv = LEVEL_RE.exec(levelWord);
    if (!lv) return err(`无法识别「${levelWord.slice(0, 20)}」。\n格式：${ESCALATION_USAGE.interview}`);
    step = lv[1]!.startsWith('二') || lv[1]!.startsWith('2') ? 'interview2' : 'interview1';
  }
  if (!values.time) return err(`缺少约谈时间，例如 时间:2026-12-03 15:00。\n格式：${ESCALATION_USAGE.interview}`);
  if (!values.place) return err(`缺少约谈地点，例如 地点:行政楼301会议室。\n格式：${ESCALATION_USAGE.interview}`);
  for (const [k, max] of [['time', NOTICE_LIMITS.time], ['place', NOTICE_LIMITS.place], ['interviewer', NOTICE_LIMITS.interviewer], ['reason', NOTICE_LIMITS.reason]] as const) {
    if ((values[k]?.length ?? 0) > max) return err(`${{ time: '约谈时间', place: '约谈地点', interviewer: '约谈人', reason: '事由' }[k]}过长（不超过 ${max} 字）`);
  }
  return { kind: 'interview', ref: r.ref, ...(step ? { step } : {}), time: values.time, place: values.place, interviewer: values.interviewer ?? '', reason: values.reason ?? '' };
}
