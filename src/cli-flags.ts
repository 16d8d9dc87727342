/**
 * The flags of a CLI command: `--name value`, `--name=value`, and switches. One reader, so every command refuses an
 * unknown flag, a missing value and an over-long one with the same Chinese sentence.
 */
export function readFlags<V extends string, S extends string>(
  args: readonly string[],
  spec: { valued: Record<string, V>; switches?: Record<string, S>; maxLength: number },
): { values: Partial<Record<V, string>>; switches: Partial<Record<S, true>> } | string {
  const values: Partial<Record<V, string>> = {};
  const switches: Partial<Record<S, true>> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    // Own keys only: `__proto__` or `constructor` typed as a flag is an unknown flag, not the object's prototype.
    const sw = spec.switches && Object.hasOwn(spec.switches, a) ? spec.switches[a] : undefined;
    if (sw) {
      switches[sw] = true;
      continue;
    }
    const eq = a.indexOf('=');
    const [flag, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const key = Object.hasOwn(spec.valued, flag) ? spec.valued[flag] : undefined;
    if (!key) return `无法识别的参数：${a}`;
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) return `${flag} 后面缺少取值`;
    if (value.length > spec.maxLength) return `${flag} 的取值过长`;
    values[key] = value;
  }
  return { values, switches };
}
