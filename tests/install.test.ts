import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * A clean `npm install` on Node 20 prints no EBADENGINE warning: every package the lock file installs accepts the
 * oldest Node this project supports (package.json's engines, and vite 7's ^20.19) and the one running the tests.
 */
describe('the lock file installs on Node 20', () => {
  const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string }; optional?: boolean }>;
  };
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };

  it('declares Node 20 or later', () => {
    expect(pkg.engines.node).toBe('>=20');
  });

  it.each(['20.19.0', process.versions.node])('every installed package accepts Node %s', (version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name && !p.optional && p.engines?.node && !semver.satisfies(version, p.engines.node))
      .map(([name, p]) => `${name} (${p.engines!.node})`);
    expect(refusing).toEqual([]);
  });
});
