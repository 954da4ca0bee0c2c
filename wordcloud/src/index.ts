export {
  APOSTROPHES,
  cleanText,
  entryKey,
  graphemeCount,
  normalizeEntry,
  rawLimit,
  type NormalizeError,
  type NormalizeLimits,
  type NormalizeResult,
} from './normalize.js';
export {
  INVARIABLE_WORDS,
  MERGE_REASONS,
  foldAccents,
  mergeKey,
  suggestMerges,
  type MergeReason,
  type MergeSuggestion,
} from './suggest.js';
export { OFFENSIVE_WORDS, isOffensive, stopListMatcher } from './moderation.js';
export { aggregate, type AggregateEntry, type AggregateOptions, type Cloud, type CloudWord } from './aggregate.js';
export { csvCell } from './csv.js';
