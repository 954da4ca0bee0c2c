/**
 * @magistere/module-activity: for now the catalog (format, search, client), all of it pure and usable in a
 * browser. The Node-only tools (validate.ts, build.ts and the `mag-catalog` command) are imported by path.
 */
export * from './catalog/schema.js';
export * from './catalog/vocabulary.js';
export {
  compareSemver,
  isMajorChange,
  latestVersion,
  parseSemver,
  sortVersions,
  type SemVer,
} from './catalog/semver.js';
export {
  createSearchIndex,
  normalizeText,
  tokenize,
  FACETS,
  type CatalogSearch,
  type FacetCount,
  type FacetName,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SortOrder,
} from './catalog/search.js';
export {
  CatalogError,
  createCatalogClient,
  isAllowed,
  normalizeBaseUrl,
  type CatalogClient,
  type CatalogClientOptions,
  type CatalogErrorCode,
  type CatalogIssue,
} from './catalog/client.js';
export { catalogStrings, type CatalogStringKey } from './catalog/strings.js';
