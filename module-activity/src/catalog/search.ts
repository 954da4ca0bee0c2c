/**
 * Catalog search, pure and fast: an index built once from the catalog's entries, then queries that combine
 * full-text search with facet filters, counts, a stable order and pages. No DOM, no I/O: the browser and
 * the host's server can both use it.
 *
 * - Text: title, keywords, objectives and summary, matched accent- and case-insensitively (`évaluation`,
 *   `EVALUATION` and `evaluation` are one word; `œ` is `oe`). Every word of the query must match (AND), as a
 *   word or the start of one, so results follow the typing (`éval comp` finds "Évaluer par compétences").
 *   French stop words (`de`, `la`, `l'`…) are left out of the query, unless the query is nothing else or the
 *   stop word is the last one being typed (`la` may become `laïcité`).
 * - Ranking: a word found in the title counts most, then keywords, objectives, summary; a whole-word match
 *   counts twice a prefix match. Ties are broken by title (compared without accents or case), then id: the
 *   order is stable.
 * - Facets: duration band, public, domain, nature and modality (distance, in person, hybrid). Values of one
 *   facet are alternatives (OR), facets combine (AND). Each facet's counts apply the other facets' filters and
 *   not its own, so that choosing "premier degré" still shows how many "second degré" modules there are.
 */
import type { ModuleEntry } from './schema.js';
import {
  DOMAINS,
  DURATION_BANDS,
  MODALITIES,
  NATURES,
  PUBLICS,
  durationBand,
  modality,
  type DurationBand,
} from './vocabulary.js';

export const FACETS = ['duration', 'public', 'domain', 'nature', 'modality'] as const;
export type FacetName = (typeof FACETS)[number];

const FACET_VALUES: Record<FacetName, readonly string[]> = {
  duration: DURATION_BANDS.map((band) => band.code),
  public: PUBLICS,
  domain: DOMAINS,
  nature: NATURES,
  modality: MODALITIES,
};

export type SortOrder = 'relevance' | 'title' | 'recent';

export interface SearchQuery {
  text?: string;
  /** Selected values per facet; an empty or absent list does not filter. */
  filters?: Partial<Record<FacetName, readonly string[]>>;
  /** `relevance` (the default; by title when there is no text), `title`, or `recent` (latest version first). */
  sort?: SortOrder;
  /** 1-based; clamped to the pages there are. */
  page?: number;
  /** Default 20, at most 100. */
  pageSize?: number;
}

export interface SearchHit {
  entry: ModuleEntry;
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  hits: SearchHit[];
  /** Every value of every facet, in vocabulary order, with its count (0 included). */
  facets: Record<FacetName, FacetCount[]>;
  /** The query's words as they were matched (normalized), for highlighting. */
  terms: string[];
}

export interface CatalogSearch {
  readonly size: number;
  search(query?: SearchQuery): SearchResult;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Lowercase, without accents, `œ` → `oe`, `æ` → `ae`: what two spellings of one word share. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}

const WORD_SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;

/** The normalized words of a text (letters and digits; apostrophes and hyphens separate words). */
export function tokenize(text: string, cache?: Map<string, string>): string[] {
  const words: string[] = [];
  for (const raw of text.split(WORD_SEPARATORS)) {
    if (raw === '') continue;
    let word = cache?.get(raw);
    if (word === undefined) {
      word = normalizeText(raw);
      cache?.set(raw, word);
    }
    // A word of marks only (a lone combining accent) normalizes to nothing.
    if (word !== '') words.push(word);
  }
  return words;
}

const STOP_WORDS = new Set(
  (
    'a au aux avec c ce ces cet cette d dans de des du en est et il ils j l la le les leur leurs lui m ma mes ' +
    'mon n ne ni nos notre nous on ou par pas pour qu que qui s sa se ses son sur t ta te tes ton un une vos ' +
    'votre vous y an and for in of on or the to with'
  ).split(' '),
);

/** Field weights: where a word is found says how relevant the module is. */
const WEIGHTS = { title: 8, keywords: 4, objectives: 2, summary: 1 } as const;
const PREFIX_FACTOR = 0.5;

interface Posting {
  docs: Uint32Array;
  weights: Float32Array;
}

export function createSearchIndex(entries: readonly ModuleEntry[]): CatalogSearch {
  const n = entries.length;

  // Inverted index: term → the entries that contain it, with the sum of the weights of the fields it is in.
  const building = new Map<string, Map<number, number>>();
  const normalized = new Map<string, string>(); // raw word → normalized: words repeat across entries
  entries.forEach((entry, doc) => {
    const fields: [keyof typeof WEIGHTS, string][] = [
      ['title', entry.title],
      ['keywords', entry.keywords.join(' ')],
      ['objectives', entry.objectives.join(' ')],
      ['summary', entry.summary],
    ];
    for (const [field, text] of fields) {
      for (const term of new Set(tokenize(text, normalized))) {
        let docs = building.get(term);
        if (!docs) building.set(term, (docs = new Map()));
        docs.set(doc, (docs.get(doc) ?? 0) + WEIGHTS[field]);
      }
    }
  });
  const terms = [...building.keys()].sort();
  const postings: Posting[] = terms.map((term) => {
    const docs = building.get(term)!;
    return { docs: Uint32Array.from(docs.keys()), weights: Float32Array.from(docs.values()) };
  });

  // Facet values of each entry, as indexes into FACET_VALUES.
  const facetIndex = Object.fromEntries(
    FACETS.map((facet) => [facet, new Map(FACET_VALUES[facet].map((value, i) => [value, i]))]),
  ) as Record<FacetName, Map<string, number>>;
  const entryFacets: Record<FacetName, number[][]> = {
    duration: [],
    public: [],
    domain: [],
    nature: [],
    modality: [],
  };
  for (const entry of entries) {
    const values: Record<FacetName, string[]> = {
      duration: [durationBand(entry.durations.distance + entry.durations.inPerson) satisfies DurationBand],
      public: [...entry.publics],
      domain: [entry.domain],
      nature: [entry.nature],
      modality: [modality(entry.durations)],
    };
    for (const facet of FACETS) {
      entryFacets[facet].push(
        values[facet].map((value) => facetIndex[facet].get(value)).filter((i): i is number => i !== undefined),
      );
    }
  }

  // Stable orders, computed once.
  // Titles compare without accents or case (`École` sorts with `ecole`), then by id: cheap and stable.
  const titleKeys = entries.map((entry) => normalizeText(entry.title));
  const byTitle = [...entries.keys()].sort((a, b) => {
    const x = titleKeys[a]!;
    const y = titleKeys[b]!;
    return x < y ? -1 : x > y ? 1 : entries[a]!.id < entries[b]!.id ? -1 : 1;
  });
  const titleRank = new Uint32Array(n);
  byTitle.forEach((doc, rank) => (titleRank[doc] = rank));
  const latestDate = entries.map(
    (entry) => entry.versions.find((version) => version.version === entry.latest)?.date ?? '',
  );
  const byRecent = [...byTitle].sort((a, b) =>
    latestDate[b]! < latestDate[a]! ? -1 : latestDate[b]! > latestDate[a]! ? 1 : 0,
  );

  /** Index of the first term >= prefix. */
  function lowerBound(prefix: string): number {
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (terms[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Scores of the entries for one query word (0: no match). */
  function scoreWord(word: string, into: Float32Array): void {
    into.fill(0);
    for (let t = lowerBound(word); t < terms.length && terms[t]!.startsWith(word); t++) {
      const factor = terms[t] === word ? 1 : PREFIX_FACTOR;
      const { docs, weights } = postings[t]!;
      for (let i = 0; i < docs.length; i++) {
        const score = weights[i]! * factor;
        if (score > into[docs[i]!]!) into[docs[i]!] = score;
      }
    }
  }

  function queryWords(text: string): string[] {
    const words = [...new Set(tokenize(text))];
    const kept = words.filter((word, i) => i === words.length - 1 || !STOP_WORDS.has(word));
    return kept.length > 0 ? kept : words;
  }

  function search(query: SearchQuery = {}): SearchResult {
    const words = queryWords(query.text ?? '');

    // Text: scores, and which entries match every word.
    const scores = new Float32Array(n);
    let matches: Uint8Array | undefined;
    if (words.length > 0) {
      matches = new Uint8Array(n).fill(1);
      const wordScores = new Float32Array(n);
      for (const word of words) {
        scoreWord(word, wordScores);
        for (let doc = 0; doc < n; doc++) {
          if (wordScores[doc] === 0) matches[doc] = 0;
          else scores[doc]! += wordScores[doc]!;
        }
      }
    }

    // Filters: per facet, the selected value indexes (absent: no filter).
    const selected = FACETS.map((facet) => {
      const values = query.filters?.[facet];
      if (!values || values.length === 0) return undefined;
      return new Set(values.map((value) => facetIndex[facet].get(value) ?? -1));
    });

    const counts = FACETS.map((facet) => new Uint32Array(FACET_VALUES[facet].length));
    const kept = new Uint8Array(n);
    let total = 0;
    for (let doc = 0; doc < n; doc++) {
      if (matches && matches[doc] === 0) continue;
      let failed = -1;
      let failures = 0;
      for (let f = 0; f < FACETS.length; f++) {
        const wanted = selected[f];
        if (!wanted) continue;
        if (!entryFacets[FACETS[f]!][doc]!.some((value) => wanted.has(value))) {
          failed = f;
          if (++failures > 1) break;
        }
      }
      if (failures > 1) continue;
      for (let f = 0; f < FACETS.length; f++) {
        if (failures === 1 && f !== failed) continue;
        for (const value of entryFacets[FACETS[f]!][doc]!) counts[f]![value]!++;
      }
      if (failures === 0) {
        kept[doc] = 1;
        total++;
      }
    }

    // Order: by score when there is text to rank by, else a precomputed order.
    const sort = query.sort ?? 'relevance';
    let order: number[];
    if (sort === 'relevance' && words.length > 0) {
      order = [];
      for (let doc = 0; doc < n; doc++) if (kept[doc]) order.push(doc);
      order.sort((a, b) => scores[b]! - scores[a]! || titleRank[a]! - titleRank[b]!);
    } else {
      order = (sort === 'recent' ? byRecent : byTitle).filter((doc) => kept[doc] === 1);
    }

    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(pages, Math.max(1, Math.floor(query.page ?? 1)));
    const hits = order
      .slice((page - 1) * pageSize, page * pageSize)
      .map((doc) => ({ entry: entries[doc]!, score: scores[doc]! }));

    const facets = Object.fromEntries(
      FACETS.map((facet, f) => [facet, FACET_VALUES[facet].map((value, i) => ({ value, count: counts[f]![i]! }))]),
    ) as Record<FacetName, FacetCount[]>;

    return { total, page, pageSize, pages, hits, facets, terms: words };
  }

  return { size: n, search };
}
