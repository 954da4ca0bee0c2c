/**
 * The cloud: entries counted into weighted, ranked words. Trusted server-side logic, passed by the
 * TypeScript and PHP implementations alike (test/vectors/wordcloud-aggregate.json).
 *
 * - Entries are grouped by their key (normalize.ts: case and typographic apostrophes do not matter), or,
 *   when `accentsMerge` is on, by their key with accents folded too. Entries whose text is empty once
 *   cleaned are ignored.
 * - A merge joins the groups of its target and of its members (by the same identity), transitively: merging
 *   `jeux` into `jeu`, then `jeu` into `jeu sérieux`, makes one word.
 * - A word's weight is the number of distinct people who wrote any of its variants: a person who wrote two
 *   merged variants counts once.
 * - The displayed text of a word is the target of the merge it belongs to (the last such merge in
 *   `merges` if several: merging `jeux` into `jeu`, then `jeu` into `jeu sérieux`, shows `jeu sérieux`);
 *   otherwise its most frequent variant (by distinct people), ties going to the first variant seen.
 * - Excluded, and counted in `hiddenCount` (the number of excluded words, whatever the reason): a word one of
 *   whose variants the trainer hid (`hidden` is matched by identity, like entries), a word one of whose
 *   variants is stop-listed or, unless `offensive` is `'off'`, offensive (moderation.ts).
 * - Words are ordered by weight, heaviest first, then by `Intl.Collator('fr')` on their text (then by code
 *   points, should the collator see two texts as equal). Ranks are dense: 1 for the heaviest words, the next
 *   weight down gets the next rank.
 */
import { isOffensive, stopListMatcher } from './moderation.js';
import { cleanText, entryKey } from './normalize.js';
import { foldAccents } from './suggest.js';

export interface AggregateEntry {
  /** An opaque identifier of the person who wrote the entry. */
  user: string;
  text: string;
}

export interface AggregateOptions {
  merges: { target: string; members: string[] }[];
  hidden: string[];
  accentsMerge: boolean;
  stopList: string[];
  offensive: 'default' | 'off';
}

export interface CloudWord {
  text: string;
  weight: number;
  rank: number;
}

export interface Cloud {
  words: CloudWord[];
  hiddenCount: number;
}

interface Variant {
  text: string;
  users: Set<string>;
}

let collator: Intl.Collator | undefined;

export function aggregate(entries: AggregateEntry[], options: AggregateOptions): Cloud {
  const identity = (text: string): string => {
    const key = entryKey(cleanText(text));
    return options.accentsMerge ? foldAccents(key) : key;
  };

  // Merges: a union-find over identities; the displayed text of a set is its last merge's target.
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const targetTexts: { id: string; text: string }[] = [];
  for (const merge of options.merges) {
    const targetId = identity(merge.target);
    if (targetId === '') continue;
    targetTexts.push({ id: targetId, text: cleanText(merge.target) });
    for (const member of merge.members) {
      const memberId = identity(member);
      if (memberId === '') continue;
      const a = find(targetId);
      const b = find(memberId);
      if (a !== b) parent.set(b, a);
    }
  }

  // Groups: the variants of each word, in the order they were first seen.
  const groups = new Map<string, Map<string, Variant>>();
  for (const entry of entries) {
    const text = cleanText(entry.text);
    const id = identity(text);
    if (id === '') continue;
    const root = find(id);
    let variants = groups.get(root);
    if (!variants) groups.set(root, (variants = new Map()));
    let variant = variants.get(text);
    if (!variant) variants.set(text, (variant = { text, users: new Set() }));
    variant.users.add(entry.user);
  }

  const hiddenRoots = new Set(
    options.hidden
      .map(identity)
      .filter((id) => id !== '')
      .map(find),
  );
  const stopListed = stopListMatcher(options.stopList);
  const displayed = new Map<string, string>();
  for (const { id, text } of targetTexts) {
    displayed.set(find(id), text); // the last merge wins: merging `jeu` into `jeu sérieux` shows the latter
  }

  const words: Omit<CloudWord, 'rank'>[] = [];
  let hiddenCount = 0;
  for (const [root, variants] of groups) {
    const all = [...variants.values()];
    const excluded =
      hiddenRoots.has(root) ||
      all.some(({ text }) => stopListed(text) || (options.offensive !== 'off' && isOffensive(text)));
    if (excluded) {
      hiddenCount++;
      continue;
    }
    const users = new Set(all.flatMap((variant) => [...variant.users]));
    let text = displayed.get(root);
    if (text === undefined) {
      let best = all[0];
      for (const variant of all) if (best && variant.users.size > best.users.size) best = variant;
      text = best?.text ?? root;
    }
    words.push({ text, weight: users.size });
  }

  collator ??= new Intl.Collator('fr');
  const compare = collator.compare;
  words.sort(
    (a, b) => b.weight - a.weight || compare(a.text, b.text) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  );
  let rank = 0;
  let previous: number | undefined;
  return {
    words: words.map((word) => {
      if (word.weight !== previous) rank++;
      previous = word.weight;
      return { ...word, rank };
    }),
    hiddenCount,
  };
}
