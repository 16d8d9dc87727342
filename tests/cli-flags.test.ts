import { describe, expect, it } from 'vitest';
import { parseExportArgs } from '../src/cli-export';
import { parseStatsArgs } from '../src/cli-stats';
import { readFlags } from '../src/cli-flags';

const spec = { valued: { '--out': 'out', '--year': 'year' }, switches: { '--force': 'force' }, maxLength: 10 } as const;

describe('readFlags: the one reader of every command’s flags', () => {
  it.each([
    [['--out', 'a.xlsx', '--force'], { values: { out: 'a.xlsx' }, switches: { force: true } }],
    [['--out=a.xlsx', '--year=2026'], { values: { out: 'a.xlsx', year: '2026' }, switches: {} }],
    [['--year', '2025', '--year', '2026'], { values: { year: '2026' }, switches: {} }],
  ])('%j → %j', (args, expected) => {
    expect(readFlags(args, spec)).toEqual(expected);
  });

  it.each([
    [['--bogus'], '无法识别的参数：--bogus'],
    [['__proto__', 'x'], '无法识别的参数：__proto__'],
    [['--out'], '--out 后面缺少取值'],
    [['--out', '--force'], '--out 后面缺少取值'],
    [['--out', 'x'.repeat(11)], '--out 的取值过长'],
  ])('%j is refused: %s', (args, message) => {
    expect(readFlags(args, spec)).toBe(message);
  });

  it('the export and stats commands read through it', () => {
    expect(parseExportArgs(['ledger', '--out', '台账.xlsx', '--force'])).toMatchObject({ out: '台账.xlsx', force: true });
    expect(parseExportArgs(['ledger', '--out'])).toBe('--out 后面缺少取值');
    expect(parseStatsArgs(['--from', '2026-09-01', '--to', '2026-10-31', '--json'])).toMatchObject({ from: '2026-09-01', to: '2026-10-31', json: true });
    expect(parseStatsArgs(['--from', '2026-09-01', '--nope'])).toBe('无法识别的参数：--nope');
  });
});
