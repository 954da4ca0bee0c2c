import { describe, expect, it } from 'vitest';
import { compareSemver, isMajorChange, latestVersion, parseSemver, sortVersions } from '../src/catalog/semver.js';

describe('semantic versions', () => {
  it('order as SemVer 2.0.0 §11 says', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    expect(sortVersions([...ordered].reverse())).toEqual(ordered);
    expect(compareSemver('1.0.0', '1.0.0')).toBe(0);
  });

  it('refuse what is not a version, build metadata included', () => {
    for (const bad of ['1.0', '01.0.0', '1.0.0+build.1', 'v1.0.0', '1.0.0-', '1.0.0-01', ' 1.0.0']) {
      expect(parseSemver(bad), bad).toBeNull();
    }
    expect(() => compareSemver('1.0', '1.0.0')).toThrow(RangeError);
  });

  it('tell a major change (a new minor counts as major below 1.0.0)', () => {
    expect(isMajorChange('1.4.2', '2.0.0')).toBe(true);
    expect(isMajorChange('1.4.2', '1.5.0')).toBe(false);
    expect(isMajorChange('0.3.0', '0.4.0')).toBe(true);
    expect(isMajorChange('0.3.0', '0.3.1')).toBe(false);
  });

  it('pick the newest stable version as latest', () => {
    expect(latestVersion(['1.0.0', '1.1.0', '2.0.0-rc.1'])).toBe('1.1.0');
    expect(latestVersion(['2.0.0-rc.1', '2.0.0-rc.2'])).toBe('2.0.0-rc.2');
    expect(latestVersion([])).toBeUndefined();
  });
});
