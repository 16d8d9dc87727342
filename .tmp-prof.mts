for (const m of ['@larksuiteoapi/node-sdk', 'fastify', 'drizzle-orm', '/work/main/src/app', '/work/main/src/bot/dispatcher', '/work/main/src/messenger/outbox', '/work/main/src/cards/cards', '/work/main/src/feishu/receiver']) {
  const t0 = performance.now(); await import(m); console.log(m, Math.round(performance.now() - t0));
}
