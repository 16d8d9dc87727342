/**
 * loadConfig reads the environment once, from explicit env objects here (never process.env), and fails fast with
 * a ConfigError whose message names the variable to fix.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

const FULL_FEISHU = {
  FEISHU_APP_ID: 'cli_a1b2c3d4e5f6',
  FEISHU_APP_SECRET: 'app-secret-example',
  FEISHU_ENCRYPT_KEY: 'encrypt-key-example',
  FEISHU_VERIFICATION_TOKEN: 'verification-token-example',
};

/** The ConfigError thrown for `env`, or a failed expectation when none is. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig: defaults', () => {
  it('an empty environment is local mode with every default', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1', // local mode listens on this machine only
      databasePath: './data/duban.db',
      orgFile: null,
      calendarFile: null,
      scheduleFile: null,
      logLevel: 'info',
      fileMaxBytes: 30 * 1024 * 1024,
      feishu: null,
    });
  });

  it('with a Feishu app configured the server listens on every interface by default (Feishu must reach it)', () => {
    const c = loadConfig({ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's', FEISHU_ENCRYPT_KEY: 'k', FEISHU_VERIFICATION_TOKEN: 't' });
    expect(c.host).toBe('0.0.0.0');
  });

  it('blank and whitespace-only values count as unset', () => {
    const c = loadConfig({ PORT: '', HOST: '  ', DATABASE_PATH: ' ', LOG_LEVEL: '', FEISHU_APP_ID: '  ', FEISHU_MODE: '' });
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.databasePath).toBe('./data/duban.db');
    expect(c.logLevel).toBe('info');
    expect(c.feishu).toBeNull();
  });

  it('reads every plain setting, trimming surrounding spaces', () => {
    const c = loadConfig({
      PORT: ' 8080 ',
      HOST: '127.0.0.1',
      DATABASE_PATH: '/var/lib/duban/duban.db',
      ORG_FILE: 'examples/org.yaml',
      CALENDAR_FILE: 'examples/calendar-overrides.yaml',
      SCHEDULE_FILE: 'schedule.yaml',
      LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databasePath: '/var/lib/duban/duban.db',
      orgFile: 'examples/org.yaml',
      calendarFile: 'examples/calendar-overrides.yaml',
      scheduleFile: 'schedule.yaml',
      logLevel: 'warn',
      feishu: null,
    });
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'production' }).feishu).toBeNull();
  });
});

describe('loadConfig: PORT', () => {
  it.each(['0', '1', '3000', '65535'])('accepts %s', (port) => {
    expect(loadConfig({ PORT: port }).port).toBe(Number(port));
  });

  it.each(['abc', '-1', '3000.5', '65536', '99999', '80 81', '0x50'])('rejects %j naming PORT', (port) => {
    const err = configError({ PORT: port });
    expect(err.message).toContain('PORT');
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(/^PORT: /);
    expect(err.problems[0]).toContain(JSON.stringify(port));
  });
});

describe('loadConfig: LOG_LEVEL', () => {
  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts %s', (level) => {
    expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it.each(['verbose', 'INFO', 'warning', '30'])('rejects %j naming LOG_LEVEL', (level) => {
    const err = configError({ LOG_LEVEL: level });
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(/^LOG_LEVEL: /);
  });

  it('reports every bad variable at once', () => {
    const err = configError({ PORT: 'x', LOG_LEVEL: 'loud', FEISHU_MODE: 'poll' });
    const named = err.problems.map((p) => p.split(':')[0]).sort();
    expect(named).toEqual(['FEISHU_MODE', 'LOG_LEVEL', 'PORT']);
  });
});

describe('loadConfig: FEISHU_DOMAIN', () => {
  it('defaults to https://open.feishu.cn', () => {
    expect(loadConfig(FULL_FEISHU).feishu!.domain).toBe('https://open.feishu.cn');
  });

  it.each([
    ['https://open.larksuite.com', 'https://open.larksuite.com'],
    ['http://127.0.0.1:9', 'http://127.0.0.1:9'],
    ['https://open.feishu.cn/', 'https://open.feishu.cn'],
    ['https://feishu.example.edu.cn/proxy///', 'https://feishu.example.edu.cn/proxy'],
  ])('accepts %s and trims trailing slashes → %s', (given, domain) => {
    expect(loadConfig({ ...FULL_FEISHU, FEISHU_DOMAIN: given }).feishu!.domain).toBe(domain);
  });

  it.each(['open.feishu.cn', 'ftp://open.feishu.cn', 'not a url', 'file:///etc/passwd', 'ws://open.feishu.cn'])(
    'rejects %j naming FEISHU_DOMAIN',
    (domain) => {
      const err = configError({ ...FULL_FEISHU, FEISHU_DOMAIN: domain });
      expect(err.problems).toHaveLength(1);
      expect(err.problems[0]).toMatch(/^FEISHU_DOMAIN: /);
    },
  );
});

describe('loadConfig: FEISHU_REPLAY_WINDOW_SECONDS', () => {
  it('defaults to 300 seconds', () => {
    expect(loadConfig(FULL_FEISHU).feishu!.replayWindowSeconds).toBe(300);
  });

  it.each([
    ['10', 10],
    [' 60 ', 60],
    ['300', 300],
    ['0900', 900],
    ['86400', 86400],
  ])('accepts %j → %d', (given, seconds) => {
    expect(loadConfig({ ...FULL_FEISHU, FEISHU_REPLAY_WINDOW_SECONDS: given }).feishu!.replayWindowSeconds).toBe(seconds);
  });

  it.each(['0', '9', '86401', '-5', '1.5', '5m', 'abc', '1e3', 'Infinity', '99999999999999999999'])('rejects %j naming FEISHU_REPLAY_WINDOW_SECONDS', (given) => {
    const err = configError({ ...FULL_FEISHU, FEISHU_REPLAY_WINDOW_SECONDS: given });
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(/^FEISHU_REPLAY_WINDOW_SECONDS: /);
    expect(err.problems[0]).toContain('整数秒');
    expect(err.problems[0]).toContain(JSON.stringify(given));
  });

  it('alone it does not leave local mode', () => {
    expect(loadConfig({ FEISHU_REPLAY_WINDOW_SECONDS: '60' }).feishu).toBeNull();
  });
});

describe('loadConfig: Feishu app', () => {
  it('no FEISHU_* at all is local mode (feishu null)', () => {
    expect(loadConfig({ PORT: '3001' }).feishu).toBeNull();
  });

  it('FEISHU_DOMAIN or FEISHU_MODE alone do not leave local mode', () => {
    expect(loadConfig({ FEISHU_DOMAIN: 'https://open.feishu.cn', FEISHU_MODE: 'ws' }).feishu).toBeNull();
  });

  it('a full webhook configuration', () => {
    expect(loadConfig(FULL_FEISHU).feishu).toEqual({
      appId: 'cli_a1b2c3d4e5f6',
      appSecret: 'app-secret-example',
      encryptKey: 'encrypt-key-example',
      verificationToken: 'verification-token-example',
      domain: 'https://open.feishu.cn',
      mode: 'webhook',
      replayWindowSeconds: 300,
    });
    expect(loadConfig({ ...FULL_FEISHU, FEISHU_MODE: 'webhook' }).feishu!.mode).toBe('webhook');
  });

  it('an unknown FEISHU_MODE names FEISHU_MODE', () => {
    const err = configError({ ...FULL_FEISHU, FEISHU_MODE: 'websocket' });
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(/^FEISHU_MODE: /);
  });

  it('an id without a secret names every missing variable (webhook mode needs all four)', () => {
    const err = configError({ FEISHU_APP_ID: 'cli_x' });
    const missing = ['FEISHU_APP_SECRET', 'FEISHU_ENCRYPT_KEY', 'FEISHU_VERIFICATION_TOKEN'];
    expect(err.problems).toHaveLength(3);
    missing.forEach((k, i) => {
      expect(err.problems[i]).toMatch(new RegExp(`^${k} `));
      expect(err.message).toContain(k);
    });
    // What was given is named too, so the operator sees why Feishu mode was assumed.
    expect(err.problems[0]).toContain('FEISHU_APP_ID');
  });

  it.each([
    ['secret without id', { FEISHU_APP_SECRET: 's' }, ['FEISHU_APP_ID', 'FEISHU_ENCRYPT_KEY', 'FEISHU_VERIFICATION_TOKEN']],
    ['only the encrypt key', { FEISHU_ENCRYPT_KEY: 'k' }, ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'FEISHU_VERIFICATION_TOKEN']],
    ['all but the verification token', { ...FULL_FEISHU, FEISHU_VERIFICATION_TOKEN: undefined }, ['FEISHU_VERIFICATION_TOKEN']],
    ['all but the encrypt key', { ...FULL_FEISHU, FEISHU_ENCRYPT_KEY: '' }, ['FEISHU_ENCRYPT_KEY']],
  ])('%s → ConfigError naming each missing variable', (_name, env, missing) => {
    const err = configError(env as NodeJS.ProcessEnv);
    expect(err.problems).toHaveLength(missing.length);
    for (const k of missing) expect(err.problems.some((p) => p.startsWith(`${k} `))).toBe(true);
    // Variables that were given are never reported as missing.
    for (const k of Object.keys(FULL_FEISHU).filter((k) => !missing.includes(k))) {
      expect(err.problems.some((p) => p.startsWith(`${k} `))).toBe(false);
    }
  });

  it('ws mode needs only the id and the secret', () => {
    const c = loadConfig({ FEISHU_APP_ID: 'cli_ws', FEISHU_APP_SECRET: 'ws-secret', FEISHU_MODE: 'ws' });
    expect(c.feishu).toEqual({
      appId: 'cli_ws',
      appSecret: 'ws-secret',
      encryptKey: '',
      verificationToken: '',
      domain: 'https://open.feishu.cn',
      mode: 'ws',
      replayWindowSeconds: 300,
    });
  });

  it('ws mode keeps keys that are given anyway', () => {
    const c = loadConfig({ ...FULL_FEISHU, FEISHU_MODE: 'ws' });
    expect(c.feishu).toMatchObject({ mode: 'ws', encryptKey: 'encrypt-key-example', verificationToken: 'verification-token-example' });
  });

  it('ws mode without the secret names FEISHU_APP_SECRET only', () => {
    const err = configError({ FEISHU_APP_ID: 'cli_ws', FEISHU_MODE: 'ws' });
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(/^FEISHU_APP_SECRET /);
  });

  it('ws mode with keys but no id names FEISHU_APP_ID and FEISHU_APP_SECRET', () => {
    const err = configError({ FEISHU_ENCRYPT_KEY: 'k', FEISHU_VERIFICATION_TOKEN: 't', FEISHU_MODE: 'ws' });
    expect(err.problems.map((p) => p.split(' ')[0])).toEqual(['FEISHU_APP_ID', 'FEISHU_APP_SECRET']);
  });

  it('a full configuration with every variable', () => {
    const c = loadConfig({
      PORT: '8443',
      HOST: '10.0.0.5',
      DATABASE_PATH: '/srv/duban/duban.db',
      ORG_FILE: '/srv/duban/org.yaml',
      CALENDAR_FILE: '/srv/duban/calendar.yaml',
      SCHEDULE_FILE: '/srv/duban/schedule.yaml',
      LOG_LEVEL: 'debug',
      ...FULL_FEISHU,
      FEISHU_DOMAIN: 'https://open.feishu.cn/',
      FEISHU_MODE: 'webhook',
      FEISHU_REPLAY_WINDOW_SECONDS: '120',
    });
    expect(c).toEqual({
      port: 8443,
      host: '10.0.0.5',
      databasePath: '/srv/duban/duban.db',
      orgFile: '/srv/duban/org.yaml',
      calendarFile: '/srv/duban/calendar.yaml',
      scheduleFile: '/srv/duban/schedule.yaml',
      logLevel: 'debug',
      fileMaxBytes: 30 * 1024 * 1024,
      feishu: {
        appId: 'cli_a1b2c3d4e5f6',
        appSecret: 'app-secret-example',
        encryptKey: 'encrypt-key-example',
        verificationToken: 'verification-token-example',
        domain: 'https://open.feishu.cn',
        mode: 'webhook',
        replayWindowSeconds: 120,
      },
    });
  });

  it('the error message never repeats a secret it was given', () => {
    const err = configError({ FEISHU_APP_SECRET: 'super-secret-value-123', FEISHU_ENCRYPT_KEY: 'enc-key-value-456' });
    expect(err.message).not.toContain('super-secret-value-123');
    expect(err.message).not.toContain('enc-key-value-456');
  });
});

describe('loadConfig: FILE_MAX_MB', () => {
  it('sets the evidence size limit in megabytes, 30 by default', () => {
    expect(loadConfig({}).fileMaxBytes).toBe(30 * 1024 * 1024);
    expect(loadConfig({ FILE_MAX_MB: '5' }).fileMaxBytes).toBe(5 * 1024 * 1024);
  });
  it.each(['0', '31', '2.5', 'big'])('rejects %j with the reason in Chinese', (given) => {
    const err = configError({ FILE_MAX_MB: given });
    expect(err.problems[0]).toMatch(/^FILE_MAX_MB: .*1–30/);
  });
});
