/**
 * The trainer's tools of `<mag-wordcloud>`: open and close, projection, reset, the approval queue, hiding,
 * merging (and undoing), merge suggestions, settings, exports. Loaded by the element only when the host says
 * the user is a trainer, so a trainee's phone never downloads it; the host's server refuses these requests to
 * trainees anyway.
 *
 * Registers `<mag-wordcloud-trainer>`, an internal element that `<mag-wordcloud>` renders and feeds.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineElement } from '../../../activities/src/base/define.js';
import { themeTokens } from '../../../activities/src/base/theme.js';
import { BridgeError } from '../../../activities/src/bridge/protocol.js';
import { translate, type Locale } from '../../../activities/src/i18n/localize.js';
import { IDENTITIES, LIMITS, VISIBILITIES, type WordcloudState } from '../protocol.js';
import {
  approve,
  close,
  configure,
  exportData,
  hide,
  merge,
  open,
  reject,
  reset,
  trainerParts,
  unhide,
  unmerge,
  type Moderation,
  type WordcloudSettings,
} from '../trainer-protocol.js';
import { fileName } from '../../../activities/src/util/download.js';
import { download, svgToPng, toCsv } from './exports.js';
import { LIGHT_BACKGROUND } from './palette.js';
import { trainerStrings } from './trainer.strings.js';
import type { TrainerApi } from './wordcloud.component.js';
import { wordcloudStrings } from './wordcloud.strings.js';
import { wordcloudStyles } from './wordcloud.styles.js';

type Key = keyof typeof trainerStrings.fr;

export class MagWordcloudTrainer extends LitElement {
  static override styles = [
    themeTokens,
    wordcloudStyles,
    css`
      :host {
        margin-top: var(--mag-space);
        padding-top: var(--mag-space);
        border-top: 2px solid var(--mag-color-border);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0 0 var(--mag-space);
      }
      .row-actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      ul.plain {
        margin: 0 0 var(--mag-space);
        padding: 0;
        list-style: none;
      }
      ul.plain li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        padding: 0.25rem 0;
        border-bottom: 1px solid var(--mag-color-border);
        overflow-wrap: anywhere;
      }
      fieldset {
        margin: 0 0 var(--mag-space);
        border: 1px solid var(--mag-color-border);
        border-radius: var(--mag-radius);
      }
      .settings {
        display: grid;
        gap: 0.75rem;
      }
      .settings label {
        display: block;
      }
      .settings .check label,
      fieldset label {
        display: inline;
        font-weight: 400;
      }
      textarea,
      select {
        width: 100%;
        box-sizing: border-box;
        padding: 0.4rem;
        border: 1px solid var(--mag-color-border);
        border-radius: var(--mag-radius);
        background: var(--mag-color-surface-alt);
        color: var(--mag-color-text);
        font: inherit;
      }
      input[type='number'] {
        width: 6rem;
      }
      input[type='checkbox'],
      input[type='radio'] {
        width: 1.25rem;
        height: 1.25rem;
        min-height: 0;
        vertical-align: middle;
      }
      .muted {
        color: var(--mag-color-muted);
      }
    `,
  ];

  @property({ attribute: false }) state!: WordcloudState;
  @property({ attribute: false }) locale: Locale = 'fr';
  @property({ attribute: false }) api!: TrainerApi;

  @state() private selected = new Set<string>();
  /** The trainer-only parts of the state, checked against their schemas. */
  private parts: { settings: WordcloudSettings; moderation: Moderation } | null = null;
  @state() private confirmingReset = false;
  @state() private busy = false;

  private t(key: Key, params?: Record<string, string | number>): string {
    return translate(trainerStrings, this.locale, key, params);
  }

  private quote(text: string): string {
    return this.locale === 'fr' ? `«\u00a0${text}\u00a0»` : `“${text}”`;
  }

  /** Runs a trainer request; its answer (the new state) goes to the element. Errors are said, not thrown. */
  private async run(action: () => Promise<void>, done?: string): Promise<void> {
    this.busy = true;
    try {
      await action();
      if (done) this.api.say(done);
    } catch (error) {
      const text =
        error instanceof BridgeError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : '';
      this.api.say(text, true);
    } finally {
      this.busy = false;
    }
  }

  private async exportCsv(named: boolean): Promise<void> {
    await this.run(async () => {
      const data = await this.api.call(exportData, {});
      const t = (key: Key) => this.t(key);
      const csv =
        named && data.entries
          ? toCsv(
              [t('author'), this.wordHeader()],
              data.entries.map((entry) => [entry.author, entry.text]),
            )
          : toCsv(
              [this.rankHeader(), this.wordHeader(), this.peopleHeader()],
              data.words.map((word) => [word.rank, word.text, word.weight]),
            );
      const file = fileName(this.titleOfCloud(), 'csv', 'nuage-de-mots');
      download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), file);
      this.api.say(
        this.t('exported', { file }) +
          (data.truncated ? ` ${this.t('exportTruncated', { count: data.words.length })}` : ''),
      );
    });
  }

  private async exportPng(): Promise<void> {
    const svg = this.api.cloudSvg();
    if (!svg) return;
    await this.run(async () => {
      const file = fileName(this.titleOfCloud(), 'png', 'nuage-de-mots');
      download(await svgToPng(svg, 1920, LIGHT_BACKGROUND), file);
      this.api.say(this.t('exported', { file }));
    });
  }

  private titleOfCloud(): string {
    return this.state.question || (this.locale === 'fr' ? 'nuage de mots' : 'word cloud');
  }

  // Column names shared with the element's own table.
  private rankHeader(): string {
    return translate(wordcloudStrings, this.locale, 'rank');
  }
  private wordHeader(): string {
    return translate(wordcloudStrings, this.locale, 'word');
  }
  private peopleHeader(): string {
    return translate(wordcloudStrings, this.locale, 'people');
  }

  private toggle(word: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(word);
    else next.delete(word);
    this.selected = next;
  }

  private async mergeSelected(form: HTMLFormElement): Promise<void> {
    const target = new FormData(form).get('target');
    const words = [...this.selected];
    if (typeof target !== 'string' || words.length < 2) return;
    const members = words.filter((word) => word !== target);
    await this.run(
      () => this.api.request(merge, { target, members }),
      this.t('mergeDone', { target, members: members.map((m) => this.quote(m)).join(', ') }),
    );
    this.selected = new Set();
  }

  private async saveSettings(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const number = (name: string) => Number.parseInt(String(data.get(name) ?? ''), 10);
    const settings: Partial<WordcloudSettings> = {
      question: String(data.get('question') ?? '').slice(0, LIMITS.question),
      minPerPerson: number('minPerPerson'),
      maxPerPerson: number('maxPerPerson'),
      maxLength: number('maxLength'),
      visibility: data.get('visibility') as WordcloudSettings['visibility'],
      identity: data.get('identity') as WordcloudSettings['identity'],
      approval: data.get('approval') === 'on',
      accentsMerge: data.get('accentsMerge') === 'on',
      offensiveFilter: data.get('offensiveFilter') === 'on',
      rotate: data.get('rotate') === 'on',
      stopList: String(data.get('stopList') ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
        .slice(0, LIMITS.stopList),
    };
    await this.run(() => this.api.request(configure, settings), this.t('saved'));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state')) this.parts = this.state ? trainerParts(this.state) : null;
  }

  private get moderation(): Moderation {
    return this.parts!.moderation;
  }

  override render(): TemplateResult {
    const { state } = this;
    if (!this.parts) return html``;
    const { settings, moderation } = this.parts;
    return html`
      <section aria-labelledby="tools-heading" aria-busy=${this.busy ? 'true' : 'false'}>
        <h3 id="tools-heading">${this.t('tools')}</h3>
        <div class="bar">
          <span data-info="open-state">${this.t(state.open ? 'isOpen' : 'isClosed')}</span>
          <button
            type="button"
            data-action="toggle-open"
            ?disabled=${this.busy}
            @click=${() => void this.run(() => this.api.request(state.open ? close : open, {}))}
          >
            ${this.t(state.open ? 'close' : 'open')}
          </button>
          <button type="button" class="primary" data-action="project" @click=${() => this.api.project()}>
            ${this.t('project')}
          </button>
          <button type="button" data-action="export-csv" @click=${() => void this.exportCsv(false)}>
            ${this.t('exportCsv')}
          </button>
          ${
            settings.identity === 'named'
              ? html`<button type="button" data-action="export-csv-named" @click=${() => void this.exportCsv(true)}>
                  ${this.t('exportCsvNamed')}
                </button>`
              : nothing
          }
          <button
            type="button"
            data-action="export-png"
            ?disabled=${!state.cloud || state.cloud.words.length === 0}
            @click=${() => void this.exportPng()}
          >
            ${this.t('exportPng')}
          </button>
          ${this.renderReset()}
        </div>
        ${settings.approval || moderation.pending.length > 0 ? this.renderPending() : nothing} ${this.renderWords()}
        ${this.renderSuggestions()} ${this.renderMerges()} ${this.renderHidden()}
        ${settings.identity === 'named' ? this.renderEntries() : nothing} ${this.renderSettings(settings)}
      </section>
    `;
  }

  private renderReset(): TemplateResult {
    if (!this.confirmingReset) {
      return html`<button type="button" data-action="reset" @click=${() => (this.confirmingReset = true)}>
        ${this.t('reset')}
      </button>`;
    }
    return html`<span role="group" aria-label=${this.t('resetConfirm')} class="bar">
      <span>${this.t('resetConfirm')}</span>
      <button
        type="button"
        class="primary"
        data-action="confirm-reset"
        @click=${() => {
          this.confirmingReset = false;
          void this.run(() => this.api.request(reset, {}), this.t('resetDone'));
        }}
      >
        ${this.t('confirm')}
      </button>
      <button type="button" data-action="cancel-reset" @click=${() => (this.confirmingReset = false)}>
        ${this.t('cancel')}
      </button>
    </span>`;
  }

  private renderPending(): TemplateResult {
    const pending = this.moderation.pending;
    return html`<h4>${this.t('pending', { count: pending.length })}</h4>
      ${
        pending.length === 0
          ? html`<p class="muted">${this.t('pendingNone')}</p>`
          : html`<ul class="plain" data-list="pending">
              ${repeat(
                pending,
                (entry) => entry.id,
                (entry) =>
                  html`<li data-pending=${entry.id}>
                    <span>${entry.text}</span>
                    ${entry.author ? html`<span class="muted">${this.t('by', { name: entry.author })}</span>` : nothing}
                    <span class="row-actions">
                      <button
                        type="button"
                        class="small primary"
                        aria-label=${this.t('approveLabel', { text: entry.text })}
                        @click=${() => void this.run(() => this.api.request(approve, { id: entry.id }))}
                      >
                        ${this.t('approve')}
                      </button>
                      <button
                        type="button"
                        class="small"
                        aria-label=${this.t('rejectLabel', { text: entry.text })}
                        @click=${() => void this.run(() => this.api.request(reject, { id: entry.id }))}
                      >
                        ${this.t('reject')}
                      </button>
                    </span>
                  </li>`,
              )}
            </ul>`
      }`;
  }

  private renderWords(): TemplateResult {
    const words = this.state.cloud?.words ?? [];
    const hiddenCount = this.state.cloud?.hiddenCount ?? 0;
    const selected = words.filter((word) => this.selected.has(word.text));
    return html`<details class="moderation" open>
      <summary>${this.t('words', { count: words.length })}</summary>
      ${hiddenCount > 0 ? html`<p class="muted">${this.t('hiddenCount', { count: hiddenCount })}</p>` : nothing}
      ${
        selected.length >= 2
          ? html`<form
              class="bar"
              data-form="merge"
              @submit=${(event: Event) => {
                event.preventDefault();
                void this.mergeSelected(event.target as HTMLFormElement);
              }}
            >
              <label for="merge-target">${this.t('mergeInto')}</label>
              <select id="merge-target" name="target">
                ${selected.map((word) => html`<option .value=${word.text}>${word.text}</option>`)}
              </select>
              <button type="submit" class="primary">${this.t('merge')}</button>
            </form>`
          : nothing
      }
      <table>
        <caption>
          ${this.t('wordsCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.t('select')}</th>
            <th scope="col" class="number">${this.rankHeader()}</th>
            <th scope="col">${this.wordHeader()}</th>
            <th scope="col" class="number">${this.peopleHeader()}</th>
            <th scope="col">${this.t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            words,
            (word) => word.text,
            (word) =>
              html`<tr data-moderate=${word.text}>
                <td>
                  <input
                    type="checkbox"
                    aria-label=${this.t('selectLabel', { text: word.text })}
                    .checked=${this.selected.has(word.text)}
                    @change=${(event: Event) => this.toggle(word.text, (event.target as HTMLInputElement).checked)}
                  />
                </td>
                <td class="number">${word.rank}</td>
                <th scope="row">${word.text}</th>
                <td class="number">${word.weight}</td>
                <td>
                  <button
                    type="button"
                    class="small"
                    data-action="hide"
                    aria-label=${this.t('hideLabel', { text: word.text })}
                    @click=${() => void this.run(() => this.api.request(hide, { word: word.text }))}
                  >
                    ${this.t('hide')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
  }

  private renderSuggestions(): TemplateResult | typeof nothing {
    const suggestions = this.moderation.suggestions;
    if (suggestions.length === 0) return nothing;
    const members = (list: string[]) => list.map((member) => this.quote(member)).join(', ');
    return html`<h4>${this.t('suggestions', { count: suggestions.length })}</h4>
      <ul class="plain" data-list="suggestions">
        ${suggestions.map(
          (suggestion) =>
            html`<li data-suggestion=${suggestion.target}>
              <span
                >${this.t('suggestion', { members: members(suggestion.members), target: this.quote(suggestion.target) })}</span
              >
              <span class="muted"
                >${this.t('reasons', {
                  reasons: suggestion.reason.map((reason) => this.t(`reason_${reason}` as Key)).join(', '),
                })}</span
              >
              <button
                type="button"
                class="small primary"
                aria-label=${this.t('acceptSuggestionLabel', {
                  members: members(suggestion.members),
                  target: suggestion.target,
                })}
                @click=${() =>
                  void this.run(() =>
                    this.api.request(merge, { target: suggestion.target, members: suggestion.members }),
                  )}
              >
                ${this.t('acceptSuggestion')}
              </button>
            </li>`,
        )}
      </ul>`;
  }

  private renderMerges(): TemplateResult | typeof nothing {
    const merges = this.moderation.merges;
    if (merges.length === 0) return nothing;
    return html`<h4>${this.t('merges', { count: merges.length })}</h4>
      <ul class="plain" data-list="merges">
        ${merges.map(
          (rule) =>
            html`<li data-merge=${rule.target}>
              <span
                >${this.t('suggestion', { members: rule.members.map((m) => this.quote(m)).join(', '), target: this.quote(rule.target) })}</span
              >
              <button
                type="button"
                class="small"
                aria-label=${this.t('unmergeLabel', { text: rule.target })}
                @click=${() => void this.run(() => this.api.request(unmerge, { target: rule.target }))}
              >
                ${this.t('unmerge')}
              </button>
            </li>`,
        )}
      </ul>`;
  }

  private renderHidden(): TemplateResult | typeof nothing {
    const hidden = this.moderation.hidden;
    if (hidden.length === 0) return nothing;
    return html`<h4>${this.t('hidden', { count: hidden.length })}</h4>
      <ul class="plain" data-list="hidden">
        ${hidden.map(
          (word) =>
            html`<li data-hidden=${word}>
              <span>${word}</span>
              <button
                type="button"
                class="small"
                aria-label=${this.t('unhideLabel', { text: word })}
                @click=${() => void this.run(() => this.api.request(unhide, { word }))}
              >
                ${this.t('unhide')}
              </button>
            </li>`,
        )}
      </ul>`;
  }

  private renderEntries(): TemplateResult {
    const entries = this.moderation.entries ?? [];
    return html`<details>
      <summary>${this.t('entries', { count: entries.length })}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">${this.t('author')}</th>
            <th scope="col">${this.wordHeader()}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (entry) =>
              html`<tr>
                <td>${entry.author ?? ''}</td>
                <td>${entry.text}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
  }

  private renderSettings(settings: WordcloudSettings): TemplateResult {
    const check = (name: keyof WordcloudSettings & Key) =>
      html`<div class="check">
        <input type="checkbox" id="set-${name}" name=${name} .checked=${settings[name] === true} />
        <label for="set-${name}">${this.t(name)}</label>
      </div>`;
    const radios = (name: 'visibility' | 'identity', values: readonly string[]) =>
      html`<fieldset>
        <legend>${this.t(name)}</legend>
        ${values.map(
          (value) =>
            html`<div>
              <input
                type="radio"
                id="set-${name}-${value}"
                name=${name}
                .value=${value}
                .checked=${settings[name] === value}
              />
              <label for="set-${name}-${value}">${this.t(`${name}_${value}` as Key)}</label>
            </div>`,
        )}
      </fieldset>`;
    return html`<details>
      <summary>${this.t('settings')}</summary>
      <form
        class="settings"
        data-form="settings"
        @submit=${(event: Event) => {
          event.preventDefault();
          void this.saveSettings(event.target as HTMLFormElement);
        }}
      >
        <div>
          <label for="set-question">${this.t('question')}</label>
          <textarea
            id="set-question"
            name="question"
            rows="2"
            maxlength=${LIMITS.question}
            .value=${settings.question}
          ></textarea>
        </div>
        <div>
          <label for="set-minPerPerson">${this.t('minPerPerson')}</label>
          <input
            type="number"
            id="set-minPerPerson"
            name="minPerPerson"
            min="0"
            max=${LIMITS.perPerson}
            .value=${String(settings.minPerPerson)}
          />
        </div>
        <div>
          <label for="set-maxPerPerson">${this.t('maxPerPerson')}</label>
          <input
            type="number"
            id="set-maxPerPerson"
            name="maxPerPerson"
            min="1"
            max=${LIMITS.perPerson}
            .value=${String(settings.maxPerPerson)}
          />
        </div>
        <div>
          <label for="set-maxLength">${this.t('maxLength')}</label>
          <input
            type="number"
            id="set-maxLength"
            name="maxLength"
            min="1"
            max=${LIMITS.maxLength}
            .value=${String(settings.maxLength)}
          />
        </div>
        ${radios('visibility', VISIBILITIES)} ${radios('identity', IDENTITIES)} ${check('approval')}
        ${check('accentsMerge')} ${check('offensiveFilter')} ${check('rotate')}
        <div>
          <label for="set-stopList">${this.t('stopList')}</label>
          <textarea id="set-stopList" name="stopList" rows="3" .value=${settings.stopList.join('\n')}></textarea>
        </div>
        <div><button type="submit" class="primary" ?disabled=${this.busy}>${this.t('save')}</button></div>
      </form>
    </details>`;
  }
}

defineElement('mag-wordcloud-trainer', MagWordcloudTrainer);

declare global {
  interface HTMLElementTagNameMap {
    'mag-wordcloud-trainer': MagWordcloudTrainer;
  }
}
