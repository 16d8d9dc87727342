import { ConfigError, loadConfig } from './config';
import { buildApp } from './app';
import { MigrationError } from './db/client';
import { createLogger } from './logger';
import { OrgFileError } from './org/parse-org';
import { openRuntime } from './runtime';
import { noEvents } from './services/context';

/** The only file that listens: config → database + migrations → org → app → listen; closes gracefully. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  let runtime;
  try {
    runtime = openRuntime(config, log);
  } catch (err) {
    if (err instanceof MigrationError || err instanceof OrgFileError) {
      log.fatal(err.message);
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const ctx = { db: runtime.db, calendar: runtime.calendar, events: noEvents };
  const app = await buildApp({ ctx, log });
  const close = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    runtime.db.$client.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
