/**
 * Trainers' subjects of `<mag-module>`: the catalog browser (search with facets, preview), "Ajouter à ma formation",
 * version updates and the report on trainees. Refused to trainees by the host's server, not only hidden. Loaded with
 * the trainer's panel: a trainee's page never carries these schemas.
 */
import * as v from 'valibot';
import { defineRequest } from '../../../activities/src/bridge/protocol.js';
import { FACETS } from '../catalog/search.js';
import { WebLink } from '../programme/model.js';
import { CatalogProblem, Count, ModuleState, Percent } from './protocol.js';

const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Code = Text(64);
const DateText = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const EntryId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,99}$/));
const SemVer = v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/));

export const SEARCH_PAGE_SIZE = 12;

export const SearchRequest = v.object({
  text: v.optional(Text(200)),
  /** Selected values per facet (see catalog/search.ts): alternatives within a facet, facets combined. */
  filters: v.optional(v.record(v.picklist(FACETS), v.pipe(v.array(Code), v.maxLength(20)))),
  sort: v.optional(v.picklist(['relevance', 'title', 'recent'])),
  page: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))),
});
export type SearchRequest = v.InferOutput<typeof SearchRequest>;

/** A module as the browser's result list shows it (the metadata of its newest version). */
export const CatalogCard = v.object({
  base: WebLink,
  id: EntryId,
  title: Text(300),
  summary: Text(2_000),
  nature: Code,
  domain: Code,
  publics: v.pipe(v.array(Code), v.maxLength(8)),
  durations: v.object({ distance: Count, inPerson: Count }),
  latest: Text(64),
  /** The newest version's date. */
  date: DateText,
  /** Absolute URL of the thumbnail (an image of the catalog). */
  thumbnail: WebLink,
  /** Already a step of the programme (in any version). */
  inProgramme: v.boolean(),
});
export type CatalogCard = v.InferOutput<typeof CatalogCard>;

export const SearchResult = v.object({
  total: Count,
  page: Count,
  pages: Count,
  hits: v.pipe(v.array(CatalogCard), v.maxLength(SEARCH_PAGE_SIZE)),
  facets: v.record(v.picklist(FACETS), v.array(v.object({ value: Code, count: Count }))),
  /** The allowed catalogs, each with its title, or the problem that kept it out of the results. */
  catalogs: v.pipe(
    v.array(v.object({ base: WebLink, title: v.optional(Text(300)), problem: v.optional(CatalogProblem) })),
    v.maxLength(20),
  ),
});
export type SearchResult = v.InferOutput<typeof SearchResult>;

export const search = defineRequest('module.catalog_search', SearchRequest, SearchResult, ['trainer']);

const ItemOutline = v.object({ id: Text(64), kind: Code, title: Text(300), duration: Count });

/** The preview of a module: its card, what it teaches, its items and its history. */
export const Preview = v.object({
  card: CatalogCard,
  objectives: v.pipe(v.array(Text(300)), v.maxLength(12)),
  rhythm: Text(300),
  authors: v.pipe(
    v.array(v.object({ name: Text(200), role: v.optional(Text(200)), organisation: v.optional(Text(200)) })),
    v.maxLength(20),
  ),
  license: v.optional(Text(200)),
  items: v.pipe(v.array(ItemOutline), v.maxLength(100)),
  /** Newest first, at most 5, notes cut at 1,500 characters. */
  versions: v.pipe(v.array(v.object({ version: Text(64), date: DateText, releaseNotes: Text(1_500) })), v.maxLength(5)),
});
export type Preview = v.InferOutput<typeof Preview>;

/** The catalog could not be read, or does not have what was asked: the element says why in its own words. */
const Problem = v.object({ ok: v.literal(false), problem: CatalogProblem });

export const preview = defineRequest(
  'module.catalog_preview',
  v.object({ base: WebLink, entryId: EntryId }),
  v.variant('ok', [v.object({ ok: v.literal(true), preview: Preview }), Problem]),
  ['trainer'],
);

/**
 * Adds a module step to the course's programme (the storage `<mag-programme>` reads), opening today, linked to the
 * catalog entry and version: one click.
 */
export const add = defineRequest(
  'module.add',
  v.object({ base: WebLink, entryId: EntryId, version: SemVer }),
  v.variant('ok', [v.object({ ok: v.literal(true), stepId: Text(64), state: ModuleState }), Problem]),
  ['trainer'],
);

/** Moves a step to a newer version of its module; trainees keep their progress on the items that still exist. */
export const update = defineRequest(
  'module.update',
  v.object({ stepId: Text(64), version: SemVer }),
  v.variant('ok', [v.object({ ok: v.literal(true), state: ModuleState }), Problem]),
  ['trainer'],
);

export const REPORT_PAGE_SIZE = 25;

const Figures = v.object({
  percent: Percent,
  completed: v.boolean(),
  seconds: Count,
  score: v.nullable(Percent),
});
export type ReportFigures = v.InferOutput<typeof Figures>;

export const Report = v.object({
  page: Count,
  pages: Count,
  total: Count,
  steps: v.pipe(
    v.array(v.object({ stepId: Text(64), title: Text(300), version: Text(64), scored: v.boolean() })),
    v.maxLength(100),
  ),
  rows: v.pipe(
    v.array(
      v.object({
        userId: Text(64),
        name: Text(200),
        steps: v.record(Text(64), Figures),
        programme: Figures,
      }),
    ),
    v.maxLength(REPORT_PAGE_SIZE),
  ),
});
export type Report = v.InferOutput<typeof Report>;

/** Every trainee's progress, time spent and scores per module step and for the programme, a page at a time. */
export const report = defineRequest(
  'module.report',
  v.object({ page: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))) }),
  Report,
  ['trainer'],
);
