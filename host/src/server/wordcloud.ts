/**
 * Server side of the "wordcloud" activity. Everything that matters is decided here, never in the element:
 * normalization, duplicates, per-person limits, the approval queue, moderation and counting, with the trusted
 * logic of `wordcloud/src/*`.
 *
 * Storage (migration 2): `wordcloud_entries` keeps every entry (a withdrawn one too, so that a retried
 * submission with the same idempotency key is not stored again); `wordcloud_instances` keeps an instance's
 * settings, merges and hidden words once a trainer changed one of them (before that, the instance's own
 * `settings` over {@link DEFAULT_SETTINGS}); the version is `activity_instances.version`.
 *
 * Writes are synchronous units of the group-commit writer; each change bumps the version and emits
 * `wordcloud.updated` with `{ version }` only. States are built per caller on each `wordcloud.state`, from the
 * database: which role sees what is decided here and nowhere else.
 */
import * as v from 'valibot';
import { BridgeError } from '../../../activities/src/bridge/protocol.js';
import { aggregate } from '../../../wordcloud/src/aggregate.js';
import type { AggregateOptions, CloudWord } from '../../../wordcloud/src/aggregate.js';
import { cleanText, entryKey, normalizeEntry } from '../../../wordcloud/src/normalize.js';
import { ACTIVITY_TYPE, LIMITS, getState, submit, updated, withdraw } from '../../../wordcloud/src/protocol.js';
import {
  DEFAULT_SETTINGS,
  EXPORT_ROWS,
  WordcloudSettings,
  approve,
  close,
  configure,
  exportData,
  hide,
  merge,
  open,
  reject,
  reset,
  unhide,
  unmerge,
} from '../../../wordcloud/src/trainer-protocol.js';
import type { MyEntry, SubmitError } from '../../../wordcloud/src/protocol.js';
import type { Moderation, TrainerState } from '../../../wordcloud/src/trainer-protocol.js';
import { foldAccents, suggestMerges } from '../../../wordcloud/src/suggest.js';
import type { ActivityInstance, ActivityType, HandlerContext } from './activities.js';
import { defineHandler } from './activities.js';
import type { Role } from '../../../activities/src/bridge/protocol.js';
import type { Db } from './db.js';
import type { Tx } from './writer.js';

interface MergeRule {
  target: string;
  members: string[];
}

interface Config {
  settings: WordcloudSettings;
  merges: MergeRule[];
  hidden: string[];
}

interface EntryRow {
  id: number;
  user_id: number;
  text: string;
  key: string;
  status: 'accepted' | 'pending' | 'rejected' | 'withdrawn';
  author: string;
}

const MergeList = v.array(v.object({ target: v.string(), members: v.array(v.string()) }));
const WordList = v.array(v.string());
const PartialSettings = v.partial(WordcloudSettings);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Settings over the defaults; whatever does not pass the schema is left out. */
function settingsFrom(stored: unknown): WordcloudSettings {
  const parsed = v.safeParse(PartialSettings, stored);
  const settings: WordcloudSettings = { ...DEFAULT_SETTINGS, stopList: [...DEFAULT_SETTINGS.stopList] };
  if (!parsed.success) return settings;
  const merged = { ...settings, ...stripUndefined(parsed.output) };
  return merged.minPerPerson > merged.maxPerPerson ? settings : merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

class WordcloudStore {
  readonly #config;
  readonly #saveConfig;
  readonly #version;
  readonly #bump;
  readonly #entries;
  readonly #own;
  readonly #byIdempotencyKey;
  readonly #insert;
  readonly #setStatus;
  readonly #deleteAll;

  constructor(db: Db) {
    this.#config = db.prepare<[string], { settings: string; merges: string; hidden: string }>(
      'SELECT settings, merges, hidden FROM wordcloud_instances WHERE instance_id = ?',
    );
    this.#saveConfig = db.prepare<[string, string, string, string]>(
      `INSERT INTO wordcloud_instances (instance_id, settings, merges, hidden) VALUES (?, ?, ?, ?)
       ON CONFLICT (instance_id) DO UPDATE SET settings = excluded.settings, merges = excluded.merges,
       hidden = excluded.hidden`,
    );
    this.#version = db.prepare<[string], number>('SELECT version FROM activity_instances WHERE id = ?').pluck();
    this.#bump = db
      .prepare<[string], number>('UPDATE activity_instances SET version = version + 1 WHERE id = ? RETURNING version')
      .pluck();
    this.#entries = db.prepare<[string], EntryRow>(
      `SELECT e.id, e.user_id, e.text, e.key, e.status, u.display_name AS author
       FROM wordcloud_entries e JOIN users u ON u.id = e.user_id
       WHERE e.instance_id = ? AND e.status != 'withdrawn' ORDER BY e.id`,
    );
    this.#own = db.prepare<[string, number], EntryRow>(
      `SELECT e.id, e.user_id, e.text, e.key, e.status, '' AS author FROM wordcloud_entries e
       WHERE e.instance_id = ? AND e.user_id = ? AND e.status != 'withdrawn' ORDER BY e.id`,
    );
    this.#byIdempotencyKey = db.prepare<[string, number, string], EntryRow>(
      `SELECT e.id, e.user_id, e.text, e.key, e.status, '' AS author FROM wordcloud_entries e
       WHERE e.instance_id = ? AND e.user_id = ? AND e.idempotency_key = ?`,
    );
    this.#insert = db.prepare<[string, number, string, string, string, string, number]>(
      `INSERT INTO wordcloud_entries (instance_id, user_id, text, key, status, idempotency_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#setStatus = db.prepare<[string, number, string, string]>(
      'UPDATE wordcloud_entries SET status = ? WHERE id = ? AND instance_id = ? AND status = ?',
    );
    this.#deleteAll = db.prepare<[string]>('DELETE FROM wordcloud_entries WHERE instance_id = ?');
  }

  config(instance: ActivityInstance): Config {
    const row = this.#config.get(instance.id);
    if (!row) return { settings: settingsFrom(instance.settings), merges: [], hidden: [] };
    const merges = v.safeParse(MergeList, parseJson(row.merges));
    const hidden = v.safeParse(WordList, parseJson(row.hidden));
    return {
      settings: settingsFrom(parseJson(row.settings)),
      merges: merges.success ? merges.output : [],
      hidden: hidden.success ? hidden.output : [],
    };
  }

  saveConfig(instanceId: string, config: Config): void {
    this.#saveConfig.run(
      instanceId,
      JSON.stringify(config.settings),
      JSON.stringify(config.merges),
      JSON.stringify(config.hidden),
    );
  }

  version(instanceId: string): number {
    return this.#version.get(instanceId) ?? 0;
  }

  /** Bumps the version and announces it: `{ version }` only, whoever listens. */
  changed(tx: Tx, instanceId: string): number {
    const version = this.#bump.get(instanceId) ?? 0;
    tx.emit(updated, instanceId, { version });
    return version;
  }

  /** Entries not withdrawn, oldest first. */
  entries(instanceId: string): EntryRow[] {
    return this.#entries.all(instanceId);
  }

  /** One person's entries not withdrawn, oldest first (without the author's name). */
  own(instanceId: string, userId: number): EntryRow[] {
    return this.#own.all(instanceId, userId);
  }

  byIdempotencyKey(instanceId: string, userId: number, key: string): EntryRow | undefined {
    return this.#byIdempotencyKey.get(instanceId, userId, key);
  }

  insert(tx: Tx, instanceId: string, userId: number, text: string, key: string, status: string, idem: string): number {
    return Number(this.#insert.run(instanceId, userId, text, key, status, idem, tx.now).lastInsertRowid);
  }

  setStatus(instanceId: string, id: number, from: string, to: string): boolean {
    return this.#setStatus.run(to, id, instanceId, from).changes > 0;
  }

  deleteAll(instanceId: string): void {
    this.#deleteAll.run(instanceId);
  }
}

const stores = new WeakMap<Db, WordcloudStore>();

function storeFor(db: Db): WordcloudStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new WordcloudStore(db)));
  return store;
}

function aggregateOptions(config: Config): AggregateOptions {
  return {
    merges: config.merges,
    hidden: config.hidden,
    accentsMerge: config.settings.accentsMerge,
    stopList: config.settings.stopList,
    offensive: config.settings.offensiveFilter ? 'default' : 'off',
  };
}

/** How an entry shows to its author: waiting, left out of the cloud, or in it. */
function entryStatus(row: EntryRow, options: AggregateOptions): MyEntry['status'] {
  if (row.status === 'pending') return 'pending';
  if (row.status === 'rejected') return 'hidden';
  return aggregate([{ user: '1', text: row.text }], options).words.length === 0 ? 'hidden' : 'visible';
}

/** The identity under which two words are the same word for hiding and merging (as in aggregate.ts). */
function identityOf(config: Config, text: string): string {
  const key = entryKey(cleanText(text));
  return config.settings.accentsMerge ? foldAccents(key) : key;
}

/** What every caller's state is cut from, for one version of an instance. Shared: never mutated. */
interface Snapshot {
  readonly version: number;
  readonly config: Config;
  readonly options: AggregateOptions;
  /** Entries not withdrawn, oldest first. */
  readonly rows: readonly EntryRow[];
  readonly cloud: { words: CloudWord[]; hiddenCount: number };
  /** Every word, beyond the cloud's cap too (for exports). */
  readonly allWords: CloudWord[];
  /** People with an accepted entry. */
  readonly participants: number;
  /** Entry statuses computed so far (an entry's status only depends on the snapshot). */
  readonly statuses: Map<number, MyEntry['status']>;
}

const snapshots = new WeakMap<Db, Map<string, Snapshot>>();

/**
 * The snapshot of `instance`, rebuilt only when its version changed: after an update every client asks for its
 * state at once, and the cloud is counted once for all of them. Every change bumps the version in the same
 * transaction, and this runs outside write units (one process per database, as SQLite's single writer implies).
 */
function snapshotOf(db: Db, instance: ActivityInstance): Snapshot {
  let cache = snapshots.get(db);
  if (!cache) snapshots.set(db, (cache = new Map()));
  const store = storeFor(db);
  const version = store.version(instance.id);
  const cached = cache.get(instance.id);
  if (cached && cached.version === version) return cached;
  const config = store.config(instance);
  const options = aggregateOptions(config);
  const rows = store.entries(instance.id);
  const accepted = rows.filter((row) => row.status === 'accepted');
  const full = aggregate(
    accepted.map((row) => ({ user: String(row.user_id), text: row.text })),
    options,
  );
  const snapshot: Snapshot = {
    version,
    config,
    options,
    rows,
    cloud: { words: full.words.slice(0, LIMITS.cloudWords), hiddenCount: full.hiddenCount },
    allWords: full.words,
    participants: new Set(accepted.map((row) => row.user_id)).size,
    statuses: new Map(),
  };
  cache.set(instance.id, snapshot);
  return snapshot;
}

/** The state `userId` with `role` may see. Authors' names only to trainers, and only in `named` mode. */
export function buildState(db: Db, instance: ActivityInstance, userId: number, role: Role): TrainerState {
  const { version, config, options, rows, cloud, participants, statuses } = snapshotOf(db, instance);
  const { settings } = config;
  const statusOf = (row: EntryRow): MyEntry['status'] => {
    let status = statuses.get(row.id);
    if (status === undefined) statuses.set(row.id, (status = entryStatus(row, options)));
    return status;
  };
  const mine = rows
    .filter((row) => row.user_id === userId)
    .slice(0, LIMITS.perPerson)
    .map((row) => ({ id: row.id, text: row.text, status: statusOf(row) }));
  const answered = mine.length >= Math.max(1, settings.minPerPerson);
  const maySee =
    role === 'trainer' || settings.visibility === 'always' || (settings.visibility === 'after_answer' && answered);
  const state: TrainerState = {
    version,
    open: settings.open,
    question: settings.question,
    limits: {
      minPerPerson: settings.minPerPerson,
      maxPerPerson: settings.maxPerPerson,
      maxLength: settings.maxLength,
    },
    visibility: settings.visibility,
    display: { rotate: settings.rotate },
    mine,
    participants,
    cloud: maySee ? { words: [...cloud.words], hiddenCount: cloud.hiddenCount } : null,
  };
  if (role !== 'trainer') return state;
  const named = settings.identity === 'named';
  const withAuthor = (row: EntryRow) => (named ? { author: row.author } : {});
  const moderation: Moderation = {
    pending: rows
      .filter((row) => row.status === 'pending')
      .slice(0, LIMITS.moderationList)
      .map((row) => ({ id: row.id, text: row.text, ...withAuthor(row) })),
    hidden: config.hidden.slice(0, LIMITS.moderationList),
    merges: config.merges.slice(0, LIMITS.moderationList),
    suggestions: suggestMerges(cloud.words.map((word) => word.text)).slice(0, LIMITS.cloudWords),
    entries: rows
      .filter((row) => row.status === 'accepted')
      .slice(-LIMITS.moderationList)
      .reverse()
      .map((row) => ({ text: row.text, ...withAuthor(row) })),
  };
  return { ...state, settings: { ...settings, stopList: [...settings.stopList] }, moderation };
}

type SubmitResult = { accepted: boolean; entry?: MyEntry; error?: SubmitError };

function submitUnit(tx: Tx, ctx: HandlerContext, raw: string, idempotencyKey: string): SubmitResult {
  const store = storeFor(tx.db);
  const instanceId = ctx.instance.id;
  const config = store.config(ctx.instance);
  const { settings } = config;
  // A retry (same person, same idempotency key) gets the first answer again and stores nothing.
  const previous = store.byIdempotencyKey(instanceId, ctx.user.id, idempotencyKey);
  if (previous) {
    if (previous.status === 'withdrawn') return { accepted: false };
    return {
      accepted: true,
      entry: { id: previous.id, text: previous.text, status: entryStatus(previous, aggregateOptions(config)) },
    };
  }
  if (!settings.open) return { accepted: false, error: 'closed' };
  const normalized = normalizeEntry(raw, { maxLength: settings.maxLength });
  if (!normalized.ok) return { accepted: false, error: normalized.error };
  const own = store.own(instanceId, ctx.user.id);
  if (own.some((row) => row.key === normalized.key)) return { accepted: false, error: 'duplicate' };
  if (own.length >= settings.maxPerPerson) return { accepted: false, error: 'limit_reached' };
  // The trainer's own entries do not wait for approval.
  const status = settings.approval && ctx.role !== 'trainer' ? 'pending' : 'accepted';
  const id = store.insert(tx, instanceId, ctx.user.id, normalized.text, normalized.key, status, idempotencyKey);
  store.changed(tx, instanceId);
  const row: EntryRow = { id, user_id: ctx.user.id, text: normalized.text, key: normalized.key, status, author: '' };
  return { accepted: true, entry: { id, text: normalized.text, status: entryStatus(row, aggregateOptions(config)) } };
}

/**
 * Runs a trainer's change of the configuration as a unit: `change` edits a copy and says whether anything
 * changed; only then is it saved and the version bumped. Answers the trainer's state after the commit.
 */
async function configChange(
  ctx: HandlerContext,
  change: (config: Config, tx: Tx, store: WordcloudStore) => boolean,
): Promise<TrainerState> {
  await ctx.writer.run((tx) => {
    const store = storeFor(tx.db);
    const config = store.config(ctx.instance);
    if (!change(config, tx, store)) return;
    store.saveConfig(ctx.instance.id, config);
    store.changed(tx, ctx.instance.id);
  });
  return buildState(ctx.db, ctx.instance, ctx.user.id, ctx.role);
}

/** Approves or rejects a pending entry (nothing happens to an entry that is no longer pending). */
async function decidePending(ctx: HandlerContext, id: number, to: 'accepted' | 'rejected'): Promise<TrainerState> {
  await ctx.writer.run((tx) => {
    const store = storeFor(tx.db);
    if (store.setStatus(ctx.instance.id, id, 'pending', to)) store.changed(tx, ctx.instance.id);
  });
  return buildState(ctx.db, ctx.instance, ctx.user.id, ctx.role);
}

function cleanWord(word: string): string {
  const text = cleanText(word);
  if (text === '') throw new BridgeError('bad_request', 'payload: the word is empty once cleaned');
  return text;
}

export const wordcloudActivity: ActivityType = {
  type: ACTIVITY_TYPE,
  requests: [
    defineHandler(getState, (_payload, ctx) => buildState(ctx.db, ctx.instance, ctx.user.id, ctx.role)),

    defineHandler(submit, ({ text, key }, ctx) => ctx.writer.run((tx) => submitUnit(tx, ctx, text, key))),

    defineHandler(withdraw, ({ id }, ctx) =>
      ctx.writer.run((tx): { withdrawn: boolean; error?: 'not_found' | 'closed' } => {
        const store = storeFor(tx.db);
        const row = store.own(ctx.instance.id, ctx.user.id).find((entry) => entry.id === id);
        if (!row) return { withdrawn: false, error: 'not_found' };
        if (!store.config(ctx.instance).settings.open) return { withdrawn: false, error: 'closed' };
        store.setStatus(ctx.instance.id, id, row.status, 'withdrawn');
        store.changed(tx, ctx.instance.id);
        return { withdrawn: true };
      }),
    ),

    defineHandler(configure, (payload, ctx) =>
      configChange(ctx, (config) => {
        const next = { ...config.settings, ...stripUndefined(payload) };
        if (next.minPerPerson > next.maxPerPerson) {
          throw new BridgeError('bad_request', 'payload: minPerPerson is above maxPerPerson');
        }
        config.settings = next;
        return true;
      }),
    ),

    defineHandler(open, (_payload, ctx) =>
      configChange(ctx, (config) => {
        config.settings.open = true;
        return true;
      }),
    ),

    defineHandler(close, (_payload, ctx) =>
      configChange(ctx, (config) => {
        config.settings.open = false;
        return true;
      }),
    ),

    // Entries, merges and hidden words go; the settings stay.
    defineHandler(reset, (_payload, ctx) =>
      configChange(ctx, (config, _tx, store) => {
        store.deleteAll(ctx.instance.id);
        config.merges = [];
        config.hidden = [];
        return true;
      }),
    ),

    defineHandler(hide, ({ word }, ctx) =>
      configChange(ctx, (config) => {
        const text = cleanWord(word);
        const id = identityOf(config, text);
        if (config.hidden.some((hidden) => identityOf(config, hidden) === id)) return false;
        if (config.hidden.length >= LIMITS.moderationList)
          throw new BridgeError('bad_request', 'Too many hidden words.');
        config.hidden.push(text);
        return true;
      }),
    ),

    defineHandler(unhide, ({ word }, ctx) =>
      configChange(ctx, (config) => {
        const id = identityOf(config, cleanWord(word));
        const kept = config.hidden.filter((hidden) => identityOf(config, hidden) !== id);
        if (kept.length === config.hidden.length) return false;
        config.hidden = kept;
        return true;
      }),
    ),

    // A merge into a target that already has one adds its members to it.
    defineHandler(merge, ({ target, members }, ctx) =>
      configChange(ctx, (config) => {
        const text = cleanWord(target);
        const id = identityOf(config, text);
        const existing = config.merges.find((rule) => identityOf(config, rule.target) === id);
        const known = new Set([id, ...(existing?.members ?? []).map((member) => identityOf(config, member))]);
        const added: string[] = [];
        for (const member of members) {
          const clean = cleanText(member);
          const memberId = identityOf(config, clean);
          if (clean === '' || known.has(memberId)) continue;
          known.add(memberId);
          added.push(clean);
        }
        if (added.length === 0) return false;
        if (existing) {
          if (existing.members.length + added.length > LIMITS.mergeMembers) {
            throw new BridgeError('bad_request', 'Too many members in this merge.');
          }
          existing.members.push(...added);
        } else {
          if (config.merges.length >= LIMITS.moderationList) throw new BridgeError('bad_request', 'Too many merges.');
          config.merges.push({ target: text, members: added });
        }
        return true;
      }),
    ),

    defineHandler(unmerge, ({ target }, ctx) =>
      configChange(ctx, (config) => {
        const id = identityOf(config, cleanWord(target));
        const kept = config.merges.filter((rule) => identityOf(config, rule.target) !== id);
        if (kept.length === config.merges.length) return false;
        config.merges = kept;
        return true;
      }),
    ),

    defineHandler(approve, ({ id }, ctx) => decidePending(ctx, id, 'accepted')),

    defineHandler(reject, ({ id }, ctx) => decidePending(ctx, id, 'rejected')),

    // Names only in named mode, as in the state; the role was checked against the definition before this runs.
    defineHandler(exportData, (_payload, ctx) => {
      const { config, options, rows, allWords } = snapshotOf(ctx.db, ctx.instance);
      const accepted = rows.filter((row) => row.status === 'accepted' && entryStatus(row, options) === 'visible');
      const named = config.settings.identity === 'named';
      const truncated = allWords.length > EXPORT_ROWS || (named && accepted.length > EXPORT_ROWS);
      return {
        words: allWords.slice(0, EXPORT_ROWS).map(({ text, weight, rank }) => ({ text, weight, rank })),
        ...(named
          ? { entries: accepted.slice(0, EXPORT_ROWS).map((row) => ({ text: row.text, author: row.author })) }
          : {}),
        truncated,
      };
    }),
  ],
};
