import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/parse-command';

describe('/督办 通报 [期间]', () => {
  it.each([
    ['/督办 通报', ''],
    ['/督办通报', ''],
    ['督办 通报 上期', '上期'],
    ['/督办 通报 2026年', '2026年'],
    ['/duban bulletin 2026-09-01..2026-10-31', '2026-09-01..2026-10-31'],
    ['@_user_1 /督办 通报   2026年9-10月 ', '2026年9-10月'],
  ])('%s → period “%s”', (text, period) => {
    expect(parseCommand(text)).toEqual({ kind: 'bulletin', period });
  });

  it('a period longer than any way of writing one is refused with the usage', () => {
    const r = parseCommand(`/督办 通报 ${'2026年'.repeat(20)}`);
    expect(r.kind).toBe('error');
    expect((r as { message: string }).message).toContain('/督办 通报 [上期|本期|2026年|2026年9-10月|2026-09-01..2026-10-31]');
  });

  it('通报 glued to other words is chat, not a command, without the slash', () => {
    expect(parseCommand('督办 通报了吗')).toEqual({ kind: 'not_command' });
  });
});
