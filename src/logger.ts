import pino, { type Logger } from 'pino';
import { REDACT_PATHS } from './config';

export type { Logger };

/** The one logger; secrets are censored by path wherever they would appear. */
export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'duban' } }, destination);
}
