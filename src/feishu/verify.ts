import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison (length leaks, content does not). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Feishu's request signature: sha256 hex of timestamp + nonce + encrypt key + the raw body bytes. */
export function expectedSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex');
}

let lastKey: { encryptKey: string; key: Buffer } | null = null;
/** sha256(encryptKey), made once for the key in use rather than on every request. */
function aesKey(encryptKey: string): Buffer {
  if (lastKey?.encryptKey !== encryptKey) lastKey = { encryptKey, key: createHash('sha256').update(encryptKey).digest() };
  return lastKey.key;
}

/** AES-256-CBC with key sha256(encryptKey); the IV is the first 16 bytes of the decoded payload. */
export function decryptPayload(encryptKey: string, encrypted: string): string {
  const buf = Buffer.from(encrypted, 'base64');
  if (buf.length < 32) throw new Error('encrypted payload too short');
  const key = aesKey(encryptKey);
  const decipher = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** How far a request's `X-Lark-Request-Timestamp` may be from our clock, either way, unless configured. */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

/**
 * Whether a request timestamp (decimal seconds since the epoch, as Feishu sends it) lies within `windowSeconds` of
 * `nowMs`, in the past or (clock skew) the future. Anything that is not a plain decimal number is refused.
 */
export function timestampFresh(timestamp: string, nowMs: number, windowSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= windowSeconds;
}
