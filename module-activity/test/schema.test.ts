/** The catalog format: what the schemas accept and refuse, and how their problems read. */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { checkFile, formatProblem, formatPath, unknownFields } from '../src/catalog/issues.js';
import { CatalogIndex, ModulePackage, RelativePath, SourceModule } from '../src/catalog/schema.js';
import { expectedSchemaFile, SCHEMA_FILE } from '../scripts/catalog-schema.js';
import { validIndex, validPackage } from './fixtures.js';

const problems = (schema: v.GenericSchema, value: unknown) =>
  checkFile(schema, value, 'module.json').problems.map((p) => [p.path, p.code]);

describe('catalog schemas', () => {
  it('accept a valid package, source module and index', () => {
    expect(problems(ModulePackage, validPackage())).toEqual([]);
    expect(problems(SourceModule, validPackage())).toEqual([]);
    expect(problems(CatalogIndex, validIndex())).toEqual([]);
  });

  it('report every problem at once, each at its field path', () => {
    const broken = validPackage() as unknown as Record<string, unknown>;
    broken['version'] = '1.0';
    broken['durations'] = { distance: '60', inPerson: -5 };
    broken['publics'] = [];
    delete broken['title'];
    broken['sumary'] = 'typo';
    (broken['items'] as Record<string, unknown>[])[1]!['kind'] = 'survey';
    expect(problems(ModulePackage, broken)).toEqual([
      ['version', 'issue_semver'],
      ['title', 'issue_missing'],
      ['publics', 'issue_min_items'],
      ['durations.distance', 'issue_type'],
      ['durations.inPerson', 'issue_min_value'],
      ['items[1].kind', 'issue_one_of'],
      ['sumary', 'issue_unknown_field'],
    ]);
  });

  it('find unknown fields inside items, variants and quiz questions', () => {
    const pkg = validPackage() as unknown as { items: Record<string, unknown>[] };
    pkg.items[0]!['htlm'] = '<p>x</p>';
    const quiz = pkg.items[1] as { questions: Record<string, unknown>[] };
    quiz.questions[0]!['feedbak'] = 'x';
    pkg.items.push({
      kind: 'wordcloud',
      id: 'nuage',
      title: 'Nuage',
      duration: 2,
      question: 'Un mot ?',
      settings: { maxPerPerson: 2, maxPerson: 3 },
    });
    expect(unknownFields(ModulePackage, pkg).map((u) => `${formatPath(u.path)} ${u.field}`)).toEqual([
      'items[0] htlm',
      'items[1].questions[0] feedbak',
      'items[2].settings maxPerson',
    ]);
  });

  it('keep relative paths inside the folder', () => {
    const ok = ['thumbnail.svg', 'media/video-1.webm', 'h5p/quiz_1/content', 'a~b/c-d.e'];
    const refused = [
      '../x.svg',
      'a/../../x',
      '/etc/passwd',
      '.hidden',
      'a/./b',
      'a//b',
      'a\\b',
      'c:/x',
      'a b',
      'é.svg',
      '',
    ];
    for (const path of ok) expect(v.is(RelativePath, path), path).toBe(true);
    for (const path of refused) expect(v.is(RelativePath, path), path).toBe(false);
  });

  it('take videos and captions from the module or from https URLs only', () => {
    const withVideo = (src: string, captions: string) => {
      const pkg = validPackage();
      pkg.items.push({
        kind: 'video',
        id: 'video',
        title: 'Vidéo',
        duration: 3,
        src,
        captions: [{ src: captions, lang: 'fr', label: 'Français' }],
        transcript: 'Bonjour.',
      });
      return problems(ModulePackage, pkg);
    };
    expect(withVideo('media/clip.webm', 'media/clip.fr.vtt')).toEqual([]);
    expect(withVideo('https://example.org/clip.mp4', 'https://example.org/clip.vtt')).toEqual([]);
    expect(withVideo('http://example.org/clip.mp4', 'clip.srt')).toEqual([
      ['items[2].src', 'issue_video_ref'],
      ['items[2].captions[0].src', 'issue_vtt_ref'],
    ]);
    expect(withVideo('https://user:secret@example.org/clip.mp4', 'x.vtt')).toEqual([
      ['items[2].src', 'issue_video_ref'],
    ]);
  });

  it('refuse another format version, so that readers never guess', () => {
    expect(problems(CatalogIndex, { ...validIndex(), formatVersion: 2 })).toEqual([['formatVersion', 'issue_one_of']]);
  });

  it('say what is wrong in French and in English', () => {
    const { problems: found } = checkFile(
      ModulePackage,
      { ...validPackage(), title: '  ' },
      'modules/x/1.0.0/module.json',
    );
    expect(found).toHaveLength(1);
    expect(formatProblem(found[0]!, 'fr')).toBe('modules/x/1.0.0/module.json: title: ne doit pas être vide');
    expect(formatProblem(found[0]!, 'en')).toBe('modules/x/1.0.0/module.json: title: must not be empty');
  });
});

describe('docs/catalog.schema.json', () => {
  it('is what the schemas generate (run npm run catalog:schema -w module-activity when this fails)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await expectedSchemaFile());
  });

  it('refuses unknown fields and names every document', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
      anyOf: { $ref: string }[];
      $defs: Record<string, { additionalProperties?: boolean }>;
    };
    expect(schema.anyOf.map((ref) => ref.$ref)).toEqual([
      '#/$defs/CatalogIndex',
      '#/$defs/ModulePackage',
      '#/$defs/SourceModule',
      '#/$defs/CatalogSource',
    ]);
    expect(schema.$defs['ModulePackage']?.additionalProperties).toBe(false);
  });
});
