/** The validator's rules beyond the schemas: files, paths, H5P folders, ids and the history of versions. */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceModule } from '../src/catalog/schema.js';
import { validateSource } from '../src/catalog/validate.js';
import { validSource } from './fixtures.js';
import { tempSource, version, type TempSource } from './source-helpers.js';

let source: TempSource | undefined;
afterEach(() => source?.remove());

async function problemsOf(setup: (s: TempSource) => void, modules?: SourceModule[]) {
  source = tempSource(modules);
  setup(source);
  const result = await validateSource(source.dir);
  return result.problems.map((p) => `${p.severity} ${p.file} ${p.path} ${p.code}`);
}

const FILE = 'modules/evaluer-competences/1.0.0/module.json';

describe('validateSource', () => {
  it('accepts a valid source and loads it', async () => {
    source = tempSource();
    const result = await validateSource(source.dir);
    expect(result.problems).toEqual([]);
    expect(result.catalog?.modules.map((m) => [m.id, m.versions.map((v) => v.version)])).toEqual([
      ['evaluer-competences', ['1.0.0']],
    ]);
  });

  it('reports a missing folder, catalog.json and modules', async () => {
    expect((await validateSource('/nonexistent/catalog')).problems.map((p) => p.code)).toEqual(['folder_missing']);
    source = tempSource([]);
    const result = await validateSource(source.dir);
    expect(result.problems.map((p) => p.code)).toEqual(['catalog_empty']);
  });

  it('gives the line and column of a JSON syntax error', async () => {
    const found = await problemsOf((s) => s.write(FILE, '{\n  "format": "mag-module",\n}'));
    expect(found).toEqual([`error ${FILE}  json_syntax`]);
    const result = await validateSource(source!.dir);
    expect(result.problems[0]?.params).toMatchObject({ line: 3, column: 1 });
  });

  it('checks that the id and version match their folders', async () => {
    const found = await problemsOf((s) =>
      s.write(FILE, JSON.stringify({ ...validSource(), id: 'autre', version: '1.0.1' })),
    );
    expect(found).toEqual([`error ${FILE} id id_mismatch`, `error ${FILE} version version_mismatch`]);
  });

  it('refuses folders that are not ids or versions', async () => {
    const found = await problemsOf((s) => {
      s.write('modules/Mauvais_Nom/1.0.0/module.json', '{}');
      s.write('modules/evaluer-competences/v2/module.json', '{}');
    });
    expect(found).toEqual([
      'error modules/Mauvais_Nom  bad_module_folder',
      'error modules/evaluer-competences/v2  bad_version_folder',
    ]);
  });

  it('finds missing files, duplicate item ids and unanswerable questions together', async () => {
    const module = validSource();
    module.thumbnail = 'vignette.png';
    module.items.push({ ...module.items[0]!, title: 'Encore' });
    const quiz = module.items[1]!;
    if (quiz.kind === 'quiz' && quiz.questions[0]?.type === 'single') quiz.questions[0].answers[0]!.fraction = 50;
    const found = await problemsOf((s) => s.writeModule(module));
    expect(found).toEqual([
      `error ${FILE} thumbnail ref_missing`,
      `error ${FILE} items[1].questions[0].answers quiz_no_right_answer`,
      `error ${FILE} items[2].id duplicate_item_id`,
    ]);
  });

  it('refuses symbolic links, never following them', async () => {
    const found = await problemsOf((s) => {
      symlinkSync('/etc/passwd', join(s.dir, 'modules/evaluer-competences/1.0.0/passwd.html'));
      const module = validSource();
      module.items[0] = { kind: 'page', id: 'intro', title: 'Intro', duration: 5, src: 'passwd.html' };
      s.writeModule(module);
    });
    expect(found).toEqual([
      'error modules/evaluer-competences/1.0.0/passwd.html  symlink',
      `error ${FILE} items[0].src ref_missing`,
    ]);
  });

  it('keeps page references inside the version folder and warns about what players strip', async () => {
    const module = validSource();
    module.items[0] = { kind: 'page', id: 'intro', title: 'Intro', duration: 5, src: 'pages/intro.html' };
    const html = [
      '<p><img src="../images/schema.svg" alt="Schéma"> <a href="../doc.pdf?x=1#p2">doc</a></p>',
      '<img src="../../../catalog.json"> <img src="/abs.png"> <img src="missing.png"> <img src="a b.png">',
      '<img src="https://tracker.example/pixel.gif"> <a href="https://eduscol.education.fr/">Éduscol</a>',
      '<script>alert(1)</script><p onclick="x()">?</p><a href="javascript:void(0)">j</a><iframe src="x"></iframe>',
      '<!-- <img src="commented-out.png"> -->',
    ].join('\n');
    const found = await problemsOf((s) =>
      s.writeModule(module, { 'pages/intro.html': html, 'images/schema.svg': '<svg/>', 'doc.pdf': '%PDF', x: '' }),
    );
    const page = 'modules/evaluer-competences/1.0.0/pages/intro.html';
    expect(found).toEqual([
      `warning ${page}  html_script`,
      `warning ${page}  html_handler`,
      `warning ${page}  html_javascript_url`,
      `warning ${page}  html_iframe`,
      `error ${page}  ref_outside`,
      `error ${page}  ref_absolute`,
      `error ${page}  ref_missing`,
      `error ${page}  ref_unsafe`,
      `warning ${page}  external_src`,
      `error ${page}  ref_missing`,
    ]);
  });

  it('rewrites the references of a page file relative to the package', async () => {
    const module = validSource();
    module.items[0] = { kind: 'page', id: 'intro', title: 'Intro', duration: 5, src: 'pages/intro.html' };
    source = tempSource([]);
    source.writeModule(module, {
      'pages/intro.html': '<img src="../images/a.svg" alt=""><img src=\'b.svg\' alt=""><a href="#top">haut</a>',
      'images/a.svg': '<svg/>',
      'pages/b.svg': '<svg/>',
    });
    const result = await validateSource(source.dir);
    expect(result.problems).toEqual([]);
    const loaded = result.catalog!.modules[0]!.versions[0]!;
    expect(loaded.pages.get('intro')).toBe(
      '<img src="images/a.svg" alt=""><img src=\'pages/b.svg\' alt=""><a href="#top">haut</a>',
    );
    expect([...loaded.files].sort()).toEqual(['images/a.svg', 'pages/b.svg', 'thumbnail.svg']);
  });

  it('caps sizes and refuses unsafe SVG thumbnails', async () => {
    const found = await problemsOf((s) => {
      s.write('modules/evaluer-competences/1.0.0/thumbnail.svg', '<svg onload="alert(1)"/>');
    });
    expect(found).toEqual([`error ${FILE} thumbnail svg_unsafe`]);
    const big = await problemsOf((s) => {
      s.write('modules/evaluer-competences/1.0.0/thumbnail.svg', `<svg>${' '.repeat(210 * 1024)}</svg>`);
    });
    expect(big).toEqual([`error ${FILE} thumbnail file_too_large`]);
  });

  it('caps the built package, pages included', async () => {
    const module = validSource();
    for (let i = 0; i < 11; i++) {
      module.items.push({ kind: 'page', id: `page-${i}`, title: 'Page', duration: 1, src: 'long.html' });
    }
    const long = `<p>${'Texte. '.repeat(28_000)}</p>`;
    const found = await problemsOf((s) => s.writeModule(module, { 'long.html': long }));
    expect(found.filter((p) => p.startsWith('error'))).toEqual([`error ${FILE}  package_too_large`]);
  });

  it('checks local captions files are WebVTT', async () => {
    const module = validSource();
    module.items.push({
      kind: 'video',
      id: 'video',
      title: 'Vidéo',
      duration: 3,
      src: 'https://example.org/clip.mp4',
      captions: [{ src: 'clip.vtt', lang: 'fr', label: 'Français' }],
      transcript: 'Texte.',
    });
    const found = await problemsOf((s) => s.writeModule(module, { 'clip.vtt': '1\n00:00.000 --> 00:01.000\nBonjour' }));
    expect(found).toEqual([`error ${FILE} items[2].captions[0].src vtt_invalid`]);
  });

  describe('across versions', () => {
    const v1 = validSource();

    it('accepts a minor version that changes an item and adds one, keeping the ids', async () => {
      const v2 = version(v1, '1.1.0', '2025-10-01', (m) => {
        m.items[0] = { ...m.items[0]!, title: 'Introduction revue' };
        m.items.push({ kind: 'wordcloud', id: 'nuage', title: 'Nuage', duration: 2, question: 'Un mot ?' });
      });
      expect(await problemsOf(() => undefined, [v1, v2])).toEqual([]);
    });

    it('refuses removing an item without a major version, and a kind change ever', async () => {
      const v2 = version(v1, '1.1.0', '2025-10-01', (m) => {
        m.items = [{ kind: 'wordcloud', id: 'intro', title: 'Nuage', duration: 2, question: 'Un mot ?' }];
      });
      const v3 = version(v1, '2.0.0', '2025-08-01', (m) => {
        m.items = [m.items[1]!];
      });
      const file = (v: string) => `modules/evaluer-competences/${v}/module.json`;
      expect(await problemsOf(() => undefined, [v1, v2, v3])).toEqual([
        `error ${file('1.1.0')} items item_removed`,
        `error ${file('1.1.0')} items[0].kind item_kind_changed`,
        `error ${file('2.0.0')} date date_order`,
      ]);
    });
  });
});
