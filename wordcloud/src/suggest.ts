/**
 * Merge suggestions: words that are probably the same word written differently. Never applied silently:
 * the trainer accepts a suggestion (it becomes a merge, see aggregate.ts) or ignores it. Only the switch
 * "merge accents" of an activity merges without asking, and only accents (and case).
 *
 * {@link mergeKey} maps variants together. It runs these stages, in this order, on each word of the entry
 * (words are separated by spaces):
 * - apostrophe: ’ ‘ ʼ ′ become `'`;
 * - case: lowercased for French (`toLocaleLowerCase('fr')`);
 * - elision: a leading `l' d' j' m' t' s' c' n' qu' jusqu' lorsqu' puisqu'` is dropped when a letter follows
 *   (`l'école` → `école`, `d'équipe` → `équipe`); `aujourd'hui` or `presqu'île` are left alone;
 * - inclusive: a word ending in a separator (`·` `.` `•` `‧` `⋅`, or `-` but then not `-le`, for `dis-le`) and
 *   a feminine ending (`e`, `ne`, `le`, `se`, `te`, `ve`, `fe`, `rice`, `ice`, `euse`, `ère`), maybe followed
 *   by `s` (with or without a second separator of the same kind), or ending in `(e)`/`(e)s`, keeps its base:
 *   `enseignant·e·s`, `enseignant.e.s`, `enseignant-e-s`, `enseignant·es`, `étudiant(e)s` → `enseignant`/
 *   `étudiant`, `acteur·rice·s` → `acteur`. The base must have at least two letters. Only the masculine base:
 *   `enseignantes` and `enseignant` are not suggested together;
 * - plural (conservative): a final `x` after `au`, `eu` or `ou` is dropped when the word has at least 4
 *   letters (`jeux` → `jeu`, `bureaux` → `bureau`, but `eux`, `aux` stay); a final `s` is dropped when the
 *   word has at least 4 letters, does not end in `ss` or `ès`, is not in {@link INVARIABLE_WORDS}, and, when
 *   it ends in `is` or `us`, has at least 5 letters (`outils` → `outil`, `défis` → `défi`, `individus` →
 *   `individu`; `mois`, `fois`, `mais`, `plus`, `tous`, `vous`, `amis`, `classe`, `progrès` stay). Irregular
 *   plurals (`-aux` → `-al`) are not handled: a wrong suggestion costs more than a missing one;
 * - accents (only with `{ accents: true }`): combining marks are removed (é → e, ç → c, ï → i) and
 *   `œ` → `oe`, `æ` → `ae`.
 */
import { APOSTROPHES } from './normalize.js';

export type MergeReason = 'case' | 'accents' | 'elision' | 'apostrophe' | 'inclusive' | 'plural';

/** In the order reasons are listed. */
export const MERGE_REASONS: readonly MergeReason[] = [
  'case',
  'accents',
  'elision',
  'apostrophe',
  'inclusive',
  'plural',
];

export interface MergeSuggestion {
  target: string;
  members: string[];
  reason: MergeReason[];
}

/**
 * Words ending in `s` that are not plurals and whose `s`-less form is another word, or that are too common
 * to be mangled. Compared lowercased.
 */
export const INVARIABLE_WORDS: readonly string[] = [
  'alors',
  'bras',
  'corps',
  'cours',
  'dans',
  'discours',
  'divers',
  'fils',
  'gens',
  'lors',
  'moins',
  'ours',
  'parcours',
  'pays',
  'repos',
  'sans',
  'sens',
  'temps',
  'toujours',
  'univers',
  'vers',
];
const INVARIABLE = new Set(INVARIABLE_WORDS);

// Every pattern is case-insensitive and accepts every apostrophe, so that each stage works whether or not
// the other stages ran (suggestMerges finds the reasons by leaving one stage out at a time).
const ELISION = /^(?:jusqu|lorsqu|puisqu|qu|[ldjmtsnc])['\u2019\u2018\u02BC\u2032](?=\p{L})/iu;
const INCLUSIVE_DOTTED = /^(.*\p{L}\p{L})[·.•‧⋅](?:e|ne|le|se|te|ve|fe|rice|ice|euse|ère)(?:[·.•‧⋅]?s)?$/iu;
// With a hyphen, not `-le`: `dis-le`, `fais-les` are imperatives, not inclusive writing.
const INCLUSIVE_HYPHENATED = /^(.*\p{L}\p{L})-(?:e|ne|se|te|ve|fe|rice|ice|euse|ère)(?:-?s)?$/iu;
const INCLUSIVE_PARENTHESES = /^(.*\p{L}\p{L})\((?:e|ne|le|se|te|ve|fe|rice|ice|euse|ère)\)s?$/iu;

type Stage = 'apostrophe' | 'case' | 'elision' | 'inclusive' | 'plural' | 'accents';
const STAGES: readonly Stage[] = ['apostrophe', 'case', 'elision', 'inclusive', 'plural', 'accents'];

function letterCount(word: string): number {
  return [...word].length;
}

function singular(word: string): string {
  const lower = word.toLocaleLowerCase('fr');
  const length = letterCount(lower);
  if (length < 4) return word;
  if (/(?:au|eu|ou)x$/u.test(lower)) return word.slice(0, -1);
  if (!lower.endsWith('s') || INVARIABLE.has(lower)) return word;
  if (lower.endsWith('ss') || lower.endsWith('ès')) return word;
  if ((lower.endsWith('is') || lower.endsWith('us')) && length < 5) return word;
  return word.slice(0, -1);
}

function inclusiveBase(word: string): string {
  const match = INCLUSIVE_DOTTED.exec(word) ?? INCLUSIVE_HYPHENATED.exec(word) ?? INCLUSIVE_PARENTHESES.exec(word);
  return match?.[1] ?? word;
}

/** Accents folded, and nothing else: combining marks removed, œ → oe, æ → ae (the `accents` stage). */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036F]/gu, '')
    .replace(/œ/gu, 'oe')
    .replace(/Œ/gu, 'OE')
    .replace(/æ/gu, 'ae')
    .replace(/Æ/gu, 'AE')
    .normalize('NFC');
}

function applyStage(stage: Stage, word: string): string {
  switch (stage) {
    case 'apostrophe':
      return word.replace(APOSTROPHES, "'");
    case 'case':
      return word.toLocaleLowerCase('fr');
    case 'elision':
      return word.replace(ELISION, '');
    case 'inclusive':
      return inclusiveBase(word);
    case 'plural':
      return singular(word);
    case 'accents':
      return foldAccents(word);
  }
}

function runStages(text: string, stages: readonly Stage[]): string {
  return text
    .normalize('NFC')
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => stages.reduce((value, stage) => applyStage(stage, value), word))
    .join(' ');
}

/**
 * The key under which variants of a word meet: see the module's documentation for the stages. `text` is a
 * cleaned entry (normalize.ts), words separated by single spaces.
 */
export function mergeKey(text: string, options: { accents: boolean }): string {
  return runStages(text, options.accents ? STAGES : STAGES.filter((stage) => stage !== 'accents'));
}

/**
 * Groups of words that share a merge key (accents included). `words` are the cloud's words, biggest first:
 * the first word of a group is its target and the others, in their order, its members. A reason is listed
 * when the group would not hold together without its stage (for some member against the target).
 * Groups come in the order of their targets; exact repeats of a word are ignored.
 */
export function suggestMerges(words: string[]): MergeSuggestion[] {
  const groups = new Map<string, string[]>();
  for (const word of new Set(words)) {
    const key = mergeKey(word, { accents: true });
    if (key === '') continue;
    const group = groups.get(key);
    if (group) group.push(word);
    else groups.set(key, [word]);
  }
  const suggestions: MergeSuggestion[] = [];
  for (const [target, ...members] of groups.values()) {
    if (target === undefined || members.length === 0) continue;
    const found = new Set<MergeReason>();
    for (const stage of STAGES) {
      const others = STAGES.filter((other) => other !== stage);
      const targetKey = runStages(target, others);
      if (members.some((member) => runStages(member, others) !== targetKey)) found.add(stage);
    }
    suggestions.push({ target, members, reason: MERGE_REASONS.filter((reason) => found.has(reason)) });
  }
  return suggestions;
}
