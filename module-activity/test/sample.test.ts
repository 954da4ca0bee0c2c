/** The sample catalog (module-activity/catalog-sample) stays valid and covers what it is there to show. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateSource } from '../src/catalog/validate.js';

const SAMPLE = fileURLToPath(new URL('../catalog-sample', import.meta.url));

describe('the sample catalog', async () => {
  const result = await validateSource(SAMPLE);

  it('validates without errors or warnings', () => {
    expect(result.problems).toEqual([]);
  });

  it('has six modules or more, every item kind, and a module in two versions', () => {
    const modules = result.catalog!.modules;
    expect(modules.length).toBeGreaterThanOrEqual(6);
    const kinds = new Set(modules.flatMap((m) => m.versions.flatMap((v) => v.module.items.map((item) => item.kind))));
    expect([...kinds].sort()).toEqual(['h5p', 'page', 'quiz', 'video', 'wordcloud']);
    const twice = modules.find((m) => m.versions.length >= 2)!;
    const [older, newer] = twice.versions.map((v) => v.module);
    const olderIds = older!.items.map((item) => item.id);
    const newerIds = newer!.items.map((item) => item.id);
    // The newer version keeps every item id, adds one and changes one.
    expect(newerIds.filter((id) => !olderIds.includes(id))).toHaveLength(1);
    expect(olderIds.every((id) => newerIds.includes(id))).toBe(true);
    const changed = olderIds.filter((id) => {
      const before = twice.versions[0]!;
      const after = twice.versions[1]!;
      const a = before.module.items.find((item) => item.id === id);
      const b = after.module.items.find((item) => item.id === id);
      return JSON.stringify(a) !== JSON.stringify(b) || before.pages.get(id) !== after.pages.get(id);
    });
    expect(changed).toEqual(['leviers']);
    expect(newer!.releaseNotes.length).toBeGreaterThan(20);
  });

  it('uses our own H5P library only', () => {
    expect([...result.catalog!.libraries.keys()]).toEqual(['H5P.MagChoice-1.0']);
  });
});
