/**
 * How each question type is answered on screen, shared by self-paced attempts and live sessions: native form
 * controls (radios, checkboxes, text fields, selects), so that the keyboard and screen readers work as they do
 * everywhere; ordering with "up" and "down" buttons beside each item. Responses are in the terms of the screen
 * (positions), as the host expects them; the host's server translates and grades.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { richText, type TextFormat } from '../../../activities/src/util/rich-text.js';
import { translate, type Locale } from '../../../activities/src/i18n/localize.js';
import type { QuestionView, ShownResponse } from '../protocol.js';
import { questionStrings } from './questions.strings.js';

type Key = keyof typeof questionStrings.fr;

/** What a question shows before any feedback: the common part of a self-paced and a live question. */
export type ShownQuestion = Pick<
  QuestionView,
  'type' | 'text' | 'textAfter' | 'textFormat' | 'choices' | 'stems' | 'items'
>;

export interface AnswerUi {
  locale: Locale;
  /** Unique per question on the page: ids of labels and controls. */
  id: string;
  response: ShownResponse | null;
  disabled: boolean;
  onResponse(response: ShownResponse | null): void;
  /** Per choice (single, multiple) or stem (matching), once feedback may be shown. */
  parts?: Map<number, 'right' | 'partial' | 'wrong'>;
  /** Told after an item moved, for screen readers. */
  announce(text: string): void;
}

const t = (locale: Locale, key: Key, params?: Record<string, string | number>): string =>
  translate(questionStrings, locale, key, params);

export const rich = (text: string, format: TextFormat): TemplateResult => html`${unsafeHTML(richText(text, format))}`;

/** The items' text as plain text, for labels ("Monter « … »"). */
export function plain(text: string, format: TextFormat): string {
  if (format === 'plain' || format === 'moodle') return text;
  const holder = document.createElement('div');
  holder.innerHTML = richText(text, format);
  return holder.textContent ?? '';
}

function partMark(ui: AnswerUi, id: number): TemplateResult | typeof nothing {
  const state = ui.parts?.get(id);
  if (!state) return nothing;
  const key: Key = state === 'right' ? 'partRight' : state === 'partial' ? 'partPartial' : 'partWrong';
  return html`<span class="part ${state}">${state === 'right' ? '✓' : '✗'} ${t(ui.locale, key)}</span>`;
}

export function renderQuestionText(question: ShownQuestion, id: string): TemplateResult {
  return html`<div class="qtext" id="${id}-text">${rich(question.text, question.textFormat)}</div>`;
}

/** The controls that answer `question`; the question's text is rendered by the caller (with `${id}-text`). */
export function renderAnswer(question: ShownQuestion, ui: AnswerUi): TemplateResult | typeof nothing {
  const { id, response, disabled } = ui;
  const format = question.textFormat;
  switch (question.type) {
    case 'single':
    case 'truefalse': {
      const choices =
        question.type === 'truefalse'
          ? [
              { id: 1, text: t(ui.locale, 'true'), value: true },
              { id: 0, text: t(ui.locale, 'false'), value: false },
            ]
          : (question.choices ?? []).map((choice) => ({ ...choice, value: undefined }));
      const chosen = (choice: { id: number; value: boolean | undefined }) =>
        question.type === 'truefalse'
          ? response !== null && 'value' in response && response.value === choice.value
          : response !== null && 'choice' in response && response.choice === choice.id;
      return html`<div class="choices" role="radiogroup" aria-labelledby="${id}-text">
        ${choices.map(
          (choice) =>
            html`<label class="choice ${chosen(choice) ? 'chosen' : ''}">
              <input
                type="radio"
                name="${id}"
                .checked=${chosen(choice)}
                ?disabled=${disabled}
                @change=${() =>
                  ui.onResponse(choice.value === undefined ? { choice: choice.id } : { value: choice.value })}
              />
              <span class="label">${question.type === 'truefalse' ? choice.text : rich(choice.text, format)}</span>
              ${partMark(ui, choice.id)}
            </label>`,
        )}
      </div>`;
    }
    case 'multiple': {
      const chosen = response !== null && 'choices' in response ? (response.choices as number[]) : [];
      return html`<div class="choices" role="group" aria-labelledby="${id}-text">
        ${(question.choices ?? []).map(
          (choice) =>
            html`<label class="choice ${chosen.includes(choice.id) ? 'chosen' : ''}">
              <input
                type="checkbox"
                .checked=${chosen.includes(choice.id)}
                ?disabled=${disabled}
                @change=${(event: Event) => {
                  const on = (event.target as HTMLInputElement).checked;
                  const next = on ? [...chosen, choice.id] : chosen.filter((c) => c !== choice.id);
                  ui.onResponse({ choices: next.sort((a, b) => a - b) });
                }}
              />
              <span class="label">${rich(choice.text, format)}</span>
              ${partMark(ui, choice.id)}
            </label>`,
        )}
      </div>`;
    }
    case 'shortanswer':
    case 'numerical':
    case 'essay': {
      const text = response !== null && 'text' in response ? response.text : '';
      const label = question.textAfter !== undefined ? t(ui.locale, 'missingWord') : t(ui.locale, 'yourAnswer');
      const input = (event: Event) =>
        ui.onResponse({ text: (event.target as HTMLInputElement | HTMLTextAreaElement).value });
      return html`<p class="field">
          <label for="${id}-answer">${label}</label>
          ${
            question.type === 'essay'
              ? html`<textarea
                  id="${id}-answer"
                  rows="6"
                  .value=${text}
                  ?disabled=${disabled}
                  @input=${input}
                ></textarea>`
              : html`<input
                  id="${id}-answer"
                  type="text"
                  inputmode=${question.type === 'numerical' ? 'decimal' : 'text'}
                  autocomplete="off"
                  spellcheck=${question.type === 'numerical' ? 'false' : 'true'}
                  .value=${text}
                  ?disabled=${disabled}
                  aria-describedby="${id}-text"
                  @input=${input}
                />`
          }
        </p>
        ${question.textAfter !== undefined ? html`<div class="qtext">${rich(question.textAfter, format)}</div>` : nothing}`;
    }
    case 'matching': {
      const choices = response !== null && 'choices' in response ? response.choices : [];
      return html`<div class="matching" role="group" aria-labelledby="${id}-text">
        ${(question.stems ?? []).map(
          (stem) =>
            html`<p class="field stem">
              <label for="${id}-stem-${stem.id}">${rich(stem.text, format)}</label>
              <select
                id="${id}-stem-${stem.id}"
                ?disabled=${disabled}
                @change=${(event: Event) => {
                  const value = (event.target as HTMLSelectElement).value;
                  const next = (question.stems ?? []).map((s) => choices[s.id] ?? null);
                  next[stem.id] = value === '' ? null : Number(value);
                  ui.onResponse({ choices: next });
                }}
              >
                <option value="" ?selected=${choices[stem.id] == null}>${t(ui.locale, 'chooseOne')}</option>
                ${(question.choices ?? []).map(
                  (choice) =>
                    html`<option value=${choice.id} ?selected=${choices[stem.id] === choice.id}>
                      ${plain(choice.text, format)}
                    </option>`,
                )}
              </select>
              ${partMark(ui, stem.id)}
            </p>`,
        )}
      </div>`;
    }
    case 'ordering': {
      const items = question.items ?? [];
      const order = response !== null && 'order' in response ? response.order : items.map((item) => item.id);
      const byId = new Map(items.map((item) => [item.id, item]));
      const move = (from: number, to: number) => {
        const next = [...order];
        const [moved] = next.splice(from, 1);
        next.splice(to, 0, moved!);
        ui.onResponse({ order: next });
        const item = byId.get(moved!);
        if (item) ui.announce(t(ui.locale, 'movedTo', { item: plain(item.text, format), position: to + 1 }));
      };
      return html`<ol class="ordering" aria-labelledby="${id}-text">
        ${order.map((itemId, position) => {
          const item = byId.get(itemId);
          if (!item) return nothing;
          const name = plain(item.text, format);
          return html`<li data-item=${itemId}>
            <span class="label">${rich(item.text, format)}</span>
            <span class="moves">
              <button
                type="button"
                class="small"
                data-move="up"
                ?disabled=${disabled || position === 0}
                aria-label=${t(ui.locale, 'moveUpLabel', { item: name })}
                @click=${() => move(position, position - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                class="small"
                data-move="down"
                ?disabled=${disabled || position === order.length - 1}
                aria-label=${t(ui.locale, 'moveDownLabel', { item: name })}
                @click=${() => move(position, position + 1)}
              >
                ↓
              </button>
            </span>
          </li>`;
        })}
      </ol>`;
    }
    default:
      return nothing;
  }
}

/** Whether a response says something (an empty one is not sent). */
export function hasResponse(response: ShownResponse | null): boolean {
  if (response === null) return false;
  if ('text' in response) return response.text.trim() !== '';
  if ('choices' in response) return response.choices.some((c) => c !== null);
  return true;
}

/** A countdown as 4:05 or 1:02:03. */
export function clockText(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The right answer in words, in the terms of the screen (the host sends positions). */
export function rightAnswerText(
  locale: Locale,
  number: (value: number) => string,
  question: Pick<QuestionView, 'choices' | 'stems' | 'items' | 'textFormat'>,
  right: NonNullable<NonNullable<QuestionView['feedback']>['rightAnswer']>,
): string {
  const text = (list: QuestionView['choices'], id: number) =>
    plain(list?.find((item) => item.id === id)?.text ?? '', question.textFormat);
  if ('choices' in right) return right.choices.map((id) => text(question.choices, id)).join(' ; ');
  if ('value' in right) return t(locale, right.value ? 'true' : 'false');
  if ('text' in right) return right.text;
  if ('number' in right) {
    return right.tolerance
      ? t(locale, 'rightAnswerTolerance', { number: number(right.number), tolerance: number(right.tolerance) })
      : number(right.number);
  }
  if ('min' in right) return t(locale, 'rightAnswerRange', { min: number(right.min), max: number(right.max) });
  if ('matches' in right) {
    return (question.stems ?? [])
      .map((stem, i) => `${plain(stem.text, question.textFormat)} → ${text(question.choices, right.matches[i] ?? -1)}`)
      .join(' ; ');
  }
  return right.order.map((id) => text(question.items, id)).join(' → ');
}

/** "Bonne réponse : …", for feedback and live results. */
export function rightAnswerLine(
  locale: Locale,
  number: (value: number) => string,
  question: Pick<QuestionView, 'choices' | 'stems' | 'items' | 'textFormat'>,
  right: NonNullable<NonNullable<QuestionView['feedback']>['rightAnswer']>,
): string {
  return t(locale, 'rightAnswer', { answer: rightAnswerText(locale, number, question, right) });
}

export const trueFalseLabel = (locale: Locale, value: boolean): string => t(locale, value ? 'true' : 'false');
