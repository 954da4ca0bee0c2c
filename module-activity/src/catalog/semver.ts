/**
 * Semantic versions (https://semver.org, 2.0.0) of catalog modules: parsing, precedence and the kind of a
 * change. Build metadata (`+…`) is refused: two packages that differ only by it would have the same
 * precedence and could not both be published.
 */

/** SemVer 2.0.0's grammar without build metadata. */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: readonly (string | number)[];
}

export function parseSemver(text: string): SemVer | null {
  const match = SEMVER.exec(text);
  if (!match) return null;
  const numbers = [match[1], match[2], match[3]].map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return null;
  return {
    major: numbers[0]!,
    minor: numbers[1]!,
    patch: numbers[2]!,
    prerelease: match[4] ? match[4].split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [],
  };
}

function parseOrThrow(text: string): SemVer {
  const parsed = parseSemver(text);
  if (!parsed) throw new RangeError(`Not a semantic version: ${JSON.stringify(text)}`);
  return parsed;
}

/** Negative when `a` precedes `b`, positive when it follows, 0 when equal (SemVer §11). */
export function compareSemver(a: string, b: string): number {
  const x = parseOrThrow(a);
  const y = parseOrThrow(b);
  const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (core !== 0) return Math.sign(core);
  if (x.prerelease.length === 0 && y.prerelease.length === 0) return 0;
  if (x.prerelease.length === 0) return 1; // 1.0.0 follows 1.0.0-rc.1
  if (y.prerelease.length === 0) return -1;
  for (let i = 0; i < Math.max(x.prerelease.length, y.prerelease.length); i++) {
    const p = x.prerelease[i];
    const q = y.prerelease[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return Math.sign(p - q);
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/** Whether `to` is a new major version compared with `from` (0.x versions: a new minor counts as major). */
export function isMajorChange(from: string, to: string): boolean {
  const x = parseOrThrow(from);
  const y = parseOrThrow(to);
  if (y.major !== x.major) return true;
  return x.major === 0 && y.minor !== x.minor;
}

/** The versions sorted from oldest to newest. */
export function sortVersions(versions: readonly string[]): string[] {
  return [...versions].sort(compareSemver);
}

/** The newest version that is not a prerelease, else the newest of all; undefined for an empty list. */
export function latestVersion(versions: readonly string[]): string | undefined {
  const sorted = sortVersions(versions);
  const stable = sorted.filter((version) => parseOrThrow(version).prerelease.length === 0);
  return (stable.length > 0 ? stable : sorted).at(-1);
}
