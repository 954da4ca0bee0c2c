/**
 * The trainer's bridge subjects of `<mag-wordcloud>`: kept apart from protocol.ts so that a trainee's phone
 * never downloads them (the trainer's tools load them with the trainer panel). The host's server refuses them
 * to anyone but a trainer: `roles` is checked by the host SDK and again by the server.
 */
import * as v from 'valibot';
import { defineRequest } from '../../activities/src/bridge/protocol.js';
import {
  AuthorName,
  Count,
  EntryId,
  Merge,
  ShortText,
  Word,
  WordcloudSettings,
  WordcloudState,
  getState,
  submit,
  withdraw,
} from './protocol.js';

const TRAINER = ['trainer'] as const;

export const configure = defineRequest('wordcloud.configure', v.partial(WordcloudSettings), WordcloudState, TRAINER);
export const open = defineRequest('wordcloud.open', v.object({}), WordcloudState, TRAINER);
export const close = defineRequest('wordcloud.close', v.object({}), WordcloudState, TRAINER);
export const reset = defineRequest('wordcloud.reset', v.object({}), WordcloudState, TRAINER);
export const hide = defineRequest('wordcloud.hide', v.object({ word: Word }), WordcloudState, TRAINER);
export const unhide = defineRequest('wordcloud.unhide', v.object({ word: Word }), WordcloudState, TRAINER);
export const merge = defineRequest('wordcloud.merge', Merge, WordcloudState, TRAINER);
export const unmerge = defineRequest('wordcloud.unmerge', v.object({ target: Word }), WordcloudState, TRAINER);
export const approve = defineRequest('wordcloud.approve', v.object({ id: EntryId }), WordcloudState, TRAINER);
/** Refuses a pending entry: it never enters the cloud, and its author sees it `hidden`. */
export const reject = defineRequest('wordcloud.reject', v.object({ id: EntryId }), WordcloudState, TRAINER);

/** Rows of an export, at most this many (a whole session of twenty people fits many times over). */
export const EXPORT_ROWS = 2_000;

/**
 * What a trainer exports: every word of the cloud with its weight and rank, and, only when the activity is
 * `named`, every entry in the cloud with its author (oldest first). The element writes the CSV (csv.ts).
 */
export const exportData = defineRequest(
  'wordcloud.export',
  v.object({}),
  v.object({
    words: v.pipe(
      v.array(v.object({ text: ShortText, weight: Count, rank: v.pipe(Count, v.minValue(1)) })),
      v.maxLength(EXPORT_ROWS),
    ),
    entries: v.optional(v.pipe(v.array(v.object({ text: ShortText, author: AuthorName })), v.maxLength(EXPORT_ROWS))),
    truncated: v.boolean(),
  }),
  TRAINER,
);

/** Every subject of the word cloud, for hosts that implement them all. */
export const wordcloudSubjects = [
  getState,
  submit,
  withdraw,
  configure,
  open,
  close,
  reset,
  hide,
  unhide,
  merge,
  unmerge,
  approve,
  reject,
  exportData,
] as const;
