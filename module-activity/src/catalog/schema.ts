/**
 * The catalog format (docs/catalog.md): a catalog index (`index.json`), one package per module version
 * (`modules/<id>/<version>/module.json`) and, for publishers, the source files that `mag-catalog build` turns
 * into them. Pure data, checked with valibot schemas; `docs/catalog.schema.json` is generated from them.
 *
 * Readers (the catalog client, hosts) ignore fields they do not know, so a catalog may add optional fields
 * without breaking older readers; the validator and the JSON Schema refuse unknown fields, so that a typo in a
 * publisher's file is caught. Rules that span several fields or files (ids unique, a page has `html` or `src`,
 * item ids kept across versions…) are checked by the validator (validate.ts), not by these schemas.
 *
 * Custom messages are keys of the issue strings (issues.ts), translated when the issue is shown.
 */
import * as v from 'valibot';
import { Question } from '../../../quiz/src/model.js';
import { WordcloudSettings } from '../../../wordcloud/src/trainer-protocol.js';
import { ACADEMIES, DOMAINS, NATURES, PUBLICS } from './vocabulary.js';

export const INDEX_FORMAT = 'mag-catalog';
export const PACKAGE_FORMAT = 'mag-module';
/** The format's major version: readers refuse a catalog of another one. Optional fields may be added within it. */
export const FORMAT_VERSION = 1;

/** Sizes and counts. Lengths are in UTF-16 code units, sizes in bytes, durations in minutes. */
export const LIMITS = {
  id: 64,
  title: 200,
  summary: 2000,
  objective: 300,
  objectives: 12,
  keyword: 60,
  keywords: 20,
  authors: 20,
  name: 120,
  releaseNotes: 4000,
  rhythm: 200,
  items: 100,
  pageHtml: 200_000,
  transcript: 100_000,
  captions: 10,
  questions: 100,
  path: 300,
  url: 2000,
  /** One module, distance or in person. */
  moduleMinutes: 6000,
  itemMinutes: 600,
  modules: 10_000,
  versions: 100,
  /** The built `index.json`, and what the client accepts. */
  indexBytes: 20 * 1024 * 1024,
  /** One built `module.json` (pages inlined), and what the client accepts. */
  packageBytes: 2 * 1024 * 1024,
  thumbnailBytes: 200 * 1024,
  /** Any one file of a module (a video, an image, a file of an H5P folder). */
  fileBytes: 50 * 1024 * 1024,
  /** All the files of one module version together. */
  versionBytes: 200 * 1024 * 1024,
  /** Files in one H5P content folder. */
  h5pFiles: 2000,
} as const;

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

/** A module id: lowercase ASCII words joined by hyphens, e.g. `differencier-numerique`. */
export const ModuleId = v.pipe(v.string(), v.maxLength(LIMITS.id), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'module_id'));

/** An item id: stable across versions (progress is kept by item id). */
export const ItemId = v.pipe(v.string(), v.maxLength(LIMITS.id), v.regex(/^[a-z0-9][a-z0-9_-]*$/, 'item_id'));

/** A semantic version without build metadata (see semver.ts). */
export const Version = v.pipe(
  v.string(),
  v.maxLength(64),
  v.regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/,
    'semver',
  ),
);

export const IsoDate = v.pipe(v.string(), v.isoDate('iso_date'));

const SEGMENT = '[A-Za-z0-9_~-][A-Za-z0-9._~-]*';
const RELATIVE = `${SEGMENT}(?:/${SEGMENT})*`;

/**
 * A path relative to the folder of the file that holds it: `/`-separated segments of letters, digits and
 * `. _ ~ -`, none starting with a dot (so no `..`, no hidden files), no leading `/`, no `\`, no `%`.
 */
export const RelativePath = v.pipe(v.string(), v.maxLength(LIMITS.path), v.regex(new RegExp(`^${RELATIVE}$`), 'path'));

const pathWith = (extensions: string, key: string) =>
  v.pipe(v.string(), v.maxLength(LIMITS.path), v.regex(new RegExp(`^${RELATIVE}\\.(?:${extensions})$`), key));

export const ImagePath = pathWith('svg|png|jpe?g|webp', 'image_path');

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** A file of the module (relative path) or a public `https:` URL. */
const mediaRef = (extensions: string, key: string) =>
  v.pipe(
    v.string(),
    v.maxLength(LIMITS.url),
    v.regex(new RegExp(`^(?:https://\\S+|${RELATIVE}\\.(?:${extensions}))$`), key),
    v.check((value) => !value.startsWith('https://') || isHttpsUrl(value), key),
  );

const Minutes = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));

export const LanguageTag = v.pipe(v.string(), v.regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'language'));

export const Author = v.object({
  name: text(LIMITS.name),
  /** What they did or are, e.g. "Formatrice académique", "IEN". */
  role: v.optional(text(LIMITS.name)),
  organisation: v.optional(text(LIMITS.name)),
});
export type Author = v.InferOutput<typeof Author>;

export const Origin = v.variant('kind', [
  /** Published nationally; `body` names the publisher, e.g. DGESCO, IH2EF, Réseau Canopé. */
  v.object({ kind: v.literal('national'), body: text(LIMITS.name) }),
  v.object({ kind: v.literal('academic'), academy: v.picklist(ACADEMIES) }),
]);
export type Origin = v.InferOutput<typeof Origin>;

export const Durations = v.object({
  /** Expected time at a distance, in minutes. */
  distance: Minutes(LIMITS.moduleMinutes),
  /** Expected time in person, in minutes (0 for a distance module). */
  inPerson: Minutes(LIMITS.moduleMinutes),
});
export type Durations = v.InferOutput<typeof Durations>;

/** What Magistère's offer shows of a course, for one module version. */
const metadata = {
  title: text(LIMITS.title),
  /** Plain text, a few sentences: what the card shows. */
  summary: text(LIMITS.summary),
  /** Plain text, each one what trainees will be able to do. */
  objectives: v.pipe(v.array(text(LIMITS.objective)), v.minLength(1), v.maxLength(LIMITS.objectives)),
  nature: v.picklist(NATURES),
  domain: v.picklist(DOMAINS),
  publics: v.pipe(v.array(v.picklist(PUBLICS)), v.minLength(1), v.maxLength(PUBLICS.length)),
  durations: Durations,
  /** How the time is spread, in words: "À son rythme, en une ou deux fois". */
  rhythm: text(LIMITS.rhythm),
  origin: Origin,
  authors: v.pipe(v.array(Author), v.minLength(1), v.maxLength(LIMITS.authors)),
  keywords: v.pipe(v.array(text(LIMITS.keyword)), v.maxLength(LIMITS.keywords)),
  /** The language of the content. */
  language: LanguageTag,
  /** E.g. "CC BY-NC-SA 4.0", or "Tous droits réservés". */
  license: v.optional(text(LIMITS.name)),
};

const item = {
  id: ItemId,
  title: text(LIMITS.title),
  /** Expected time, in minutes. */
  duration: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.itemMinutes)),
};

/** Rich text. Players sanitise it; relative `src` and `href` point to files of the module. */
export const PageItem = v.object({
  kind: v.literal('page'),
  ...item,
  html: v.pipe(v.string(), v.maxLength(LIMITS.pageHtml)),
});

/** In a source module, a page's HTML is inline (`html`) or in a file (`src`, inlined by the build). */
export const SourcePageItem = v.object({
  kind: v.literal('page'),
  ...item,
  html: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.pageHtml))),
  src: v.optional(pathWith('html?', 'html_path')),
});

export const Captions = v.object({
  /** WebVTT file of the module, or `https:` URL. */
  src: mediaRef('vtt', 'vtt_ref'),
  lang: LanguageTag,
  label: text(LIMITS.name),
});

export const VideoItem = v.object({
  kind: v.literal('video'),
  ...item,
  /** MP4 or WebM file of the module, or `https:` URL of a video file. */
  src: mediaRef('mp4|webm', 'video_ref'),
  poster: v.optional(mediaRef('svg|png|jpe?g|webp', 'image_ref')),
  captions: v.pipe(v.array(Captions), v.minLength(1), v.maxLength(LIMITS.captions)),
  /** Plain text; a blank line separates paragraphs. */
  transcript: text(LIMITS.transcript),
});

/** An extracted `.h5p` file: a folder of the module with `h5p.json` and `content/content.json`. */
export const H5PItem = v.object({ kind: v.literal('h5p'), ...item, path: RelativePath });

export const QuizItem = v.object({
  kind: v.literal('quiz'),
  ...item,
  questions: v.pipe(v.array(Question), v.minLength(1), v.maxLength(LIMITS.questions)),
  /** The percentage of the marks that counts as a pass (none: no pass or fail). */
  passPercent: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
  shuffleAnswers: v.optional(v.boolean()),
});

/** The word cloud's settings a catalog may set; the host keeps its defaults for the others. */
export const CatalogWordcloudSettings = v.partial(v.omit(WordcloudSettings, ['question', 'open']));

export const WordcloudItem = v.object({
  kind: v.literal('wordcloud'),
  ...item,
  question: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500)),
  settings: v.optional(CatalogWordcloudSettings),
});

export const ITEM_KINDS = ['page', 'video', 'h5p', 'quiz', 'wordcloud'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const Item = v.variant('kind', [PageItem, VideoItem, H5PItem, QuizItem, WordcloudItem]);
export type Item = v.InferOutput<typeof Item>;
export const SourceItem = v.variant('kind', [SourcePageItem, VideoItem, H5PItem, QuizItem, WordcloudItem]);
export type SourceItem = v.InferOutput<typeof SourceItem>;

const packageHeader = {
  format: v.literal(PACKAGE_FORMAT),
  formatVersion: v.literal(FORMAT_VERSION),
  id: ModuleId,
  version: Version,
  /** Publication date of this version. */
  date: IsoDate,
  /** What changed since the previous version, or what the first version is. Plain text. */
  releaseNotes: text(LIMITS.releaseNotes),
  ...metadata,
  /** An image of the module, shown on its card (ideally 16:9; SVG, PNG, JPEG or WebP). */
  thumbnail: ImagePath,
};

/** One module version, as a catalog serves it (`modules/<id>/<version>/module.json`). */
export const ModulePackage = v.object({
  ...packageHeader,
  items: v.pipe(v.array(Item), v.minLength(1), v.maxLength(LIMITS.items)),
});
export type ModulePackage = v.InferOutput<typeof ModulePackage>;

/** One module version as a publisher writes it (`DIR/modules/<id>/<version>/module.json`). */
export const SourceModule = v.object({
  ...packageHeader,
  items: v.pipe(v.array(SourceItem), v.minLength(1), v.maxLength(LIMITS.items)),
});
export type SourceModule = v.InferOutput<typeof SourceModule>;

export const VersionEntry = v.object({
  version: Version,
  date: IsoDate,
  releaseNotes: text(LIMITS.releaseNotes),
  /** The version's package, relative to `index.json`. */
  package: RelativePath,
});
export type VersionEntry = v.InferOutput<typeof VersionEntry>;

/** One module in the index: the metadata of its latest version, and all its versions. */
export const ModuleEntry = v.object({
  id: ModuleId,
  ...metadata,
  /** Relative to `index.json`. */
  thumbnail: ImagePath,
  /** The version a host adds by default: the newest that is not a prerelease. */
  latest: Version,
  /** Oldest first. */
  versions: v.pipe(v.array(VersionEntry), v.minLength(1), v.maxLength(LIMITS.versions)),
});
export type ModuleEntry = v.InferOutput<typeof ModuleEntry>;

/** `index.json`, at the root of a built catalog. */
export const CatalogIndex = v.object({
  format: v.literal(INDEX_FORMAT),
  formatVersion: v.literal(FORMAT_VERSION),
  title: text(LIMITS.title),
  publisher: text(LIMITS.name),
  /** The newest version date of all modules. */
  updated: IsoDate,
  /** The folder of H5P libraries shared by the catalog's H5P items, relative to `index.json`. */
  h5pLibraries: v.optional(RelativePath),
  modules: v.pipe(v.array(ModuleEntry), v.maxLength(LIMITS.modules)),
});
export type CatalogIndex = v.InferOutput<typeof CatalogIndex>;

/** `DIR/catalog.json`, at the root of a catalog's source. */
export const CatalogSource = v.object({
  format: v.literal(INDEX_FORMAT),
  formatVersion: v.literal(FORMAT_VERSION),
  title: text(LIMITS.title),
  publisher: text(LIMITS.name),
});
export type CatalogSource = v.InferOutput<typeof CatalogSource>;
