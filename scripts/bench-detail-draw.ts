/**
 * What drawing one detail card costs when it is sent: `tsx scripts/bench-detail-draw.ts [rounds]` seeds 20,000
 * items like the benchmark, composes the server in this process and calls the outbox's detail-card renderer
 * (bot/detail-answer.ts) for a supervisor on 3,000 items a round, printing CPU µs and bytes per card. A private
 * `查看` answer is drawn this way by the outbox worker, at most as fast as answers can be sent (Feishu's 50 a
 * second), so this is the part of a `查看` that `npm run bench`'s request figure no longer holds. Not part of
 * `npm run bench`.
 */
import { composeInProcess, seededDatabase } from './bench-inprocess';
import { detailCardRenderer } from '../src/bot/detail-answer';
import type { OutboxRow } from '../src/messenger/outbox-queue';

const rounds = Number(process.argv[2] ?? 5);
const seeded = seededDatabase('draw', 20_000);
const { fake, bot } = await composeInProcess(seeded);
await bot.worker.stop(); // the drawing alone, not the sending
const draw = detailCardRenderer(() => bot.ctx, () => new Date());
const PER_ROUND = 3_000;
for (let r = 0; r < rounds; r++) {
  const before = process.cpuUsage();
  let bytes = 0;
  for (let i = 0; i < PER_ROUND; i++) {
    const item = seeded.pool[(i * 7919 + r) % seeded.pool.length]!;
    bytes += draw({ card: 'detail', viewer: 'ou_bench_sup1' }, { itemId: item.id } as OutboxRow).length;
  }
  const cpu = process.cpuUsage(before);
  console.log(`round ${r + 1}: ${((cpu.user + cpu.system) / PER_ROUND).toFixed(0)} µs CPU per detail card drawn, ${(bytes / PER_ROUND).toFixed(0)} bytes`);
}
await fake.close();
process.exit(0);
