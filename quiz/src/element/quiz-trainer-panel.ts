/**
 * The trainer's tools of `<mag-quiz>`: running a live session (lobby with a QR code and a short link, start,
 * close, reveal, next, end, projection) and the results (per-question charts with a table beside each, facility
 * index, per-trainee answers, CSV export), and with a time limit, the trainees' extra time (accommodations). Loaded
 * only for trainers; chart.js loads only when the results open.
 *
 * Registers `<mag-quiz-trainer>`, an internal element that `<mag-quiz>` renders and feeds.
 */
import { LitElement, css, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { encode } from 'uqr';
import { defineElement } from '../../../activities/src/base/define.js';
import { themeTokens } from '../../../activities/src/base/theme.js';
import { formatNumber, translate, type Locale } from '../../../activities/src/i18n/localize.js';
import { download, fileName } from '../../../activities/src/util/download.js';
import { LEADERBOARDS } from '../names.js';
import type { QuizState } from '../protocol.js';
import { quizStrings } from '../strings.js';
import {
  accommodations as accommodationsDef,
  control,
  gradeEssay,
  results as resultsDef,
  type Results,
} from '../trainer-protocol.js';
import type { QuizTrainerApi } from './quiz.component.js';
import { quizStyles } from './quiz.styles.js';

const fr = {
  tools: 'Outils de la formatrice ou du formateur',
  live: 'Quiz en direct',
  liveSettings: 'Réglages de la session',
  timer: 'Temps par question (secondes, vide\u00a0: sans limite)',
  speedPoints: 'Donner des points de rapidité',
  leaderboard: 'Classement',
  leaderboard_off: 'aucun',
  leaderboard_top5: 'les cinq premiers (avec leurs noms)',
  leaderboard_progress: 'chacun voit seulement son score et son rang',
  leaderboard_teams: 'par équipes',
  open: 'Ouvrir une session en direct',
  start: 'Lancer la première question',
  close: 'Fermer les réponses',
  reveal: 'Révéler les résultats',
  next: 'Question suivante',
  end: 'Terminer la session',
  project: 'Projeter',
  joinCode: 'QR code pour rejoindre le quiz, qui mène à {url}',
  results: 'Résultats',
  showResults: 'Afficher les résultats',
  refresh: 'Actualiser',
  exportCsv: 'Exporter (CSV)',
  question: 'Question',
  facility: 'Indice de facilité',
  attempts: 'Tentatives',
  noResults: 'Aucune tentative terminée pour l’instant.',
  trainee: 'Stagiaire',
  grade: 'Note',
  answer: 'Réponse',
  count: 'Nombre',
  chartOf: 'Répartition des réponses à la question {number}',
  tableOf: 'Réponses à la question {number}',
  liveScores: 'Scores de la session en direct',
  points: 'Points',
  summary: '{participants} participants, {finished} tentatives terminées, {waiting} réponses à corriger',
  failed: "L'action n'a pas abouti\u00a0: {message}",
  essays: 'Réponses ouvertes ({count})',
  essaysNone: 'Aucune réponse ouverte à corriger.',
  essayBy: '{name}, question {number}',
  essayMark: 'Note (sur {max})',
  essayComment: 'Commentaire pour la personne',
  essaySave: 'Enregistrer la note',
  essaySaved: 'Note enregistrée pour {name}.',
  essayGraded: 'Corrigée\u00a0: {mark} sur {max}',
  essayToGrade: 'À corriger',
  accommodations: 'Aménagements',
  accommodationsIntro:
    'Temps supplémentaire accordé à un ou une stagiaire en plus des {minutes}\u00a0min du test\u00a0; il vaut aussi pour sa tentative en cours.',
  accommodationsNone: 'Aucun ou aucune stagiaire dans ce cours.',
  extraTime: 'Temps supplémentaire pour {name} (minutes)',
  extraSave: 'Enregistrer',
  extraSaveFor: 'Enregistrer le temps supplémentaire pour {name}',
  extraSaved: 'Temps supplémentaire pour {name}\u00a0: {minutes}\u00a0min.',
  extraRemoved: 'Plus de temps supplémentaire pour {name}.',
  extraInvalid: 'Saisissez un nombre entier de minutes, de 0 à 10\u202f080.',
  not_found: 'Cette personne n’est pas stagiaire de ce cours.',
} as const;

const strings = {
  fr,
  en: {
    tools: 'Trainer tools',
    live: 'Live quiz',
    liveSettings: 'Session settings',
    timer: 'Time per question (seconds, empty: no limit)',
    speedPoints: 'Give points for speed',
    leaderboard: 'Leaderboard',
    leaderboard_off: 'none',
    leaderboard_top5: 'the top five (with their names)',
    leaderboard_progress: 'each sees only their own score and rank',
    leaderboard_teams: 'by teams',
    open: 'Open a live session',
    start: 'Start the first question',
    close: 'Close answers',
    reveal: 'Reveal the results',
    next: 'Next question',
    end: 'End the session',
    project: 'Project',
    joinCode: 'QR code to join the quiz, leading to {url}',
    results: 'Results',
    showResults: 'Show the results',
    refresh: 'Refresh',
    exportCsv: 'Export (CSV)',
    question: 'Question',
    facility: 'Facility index',
    attempts: 'Attempts',
    noResults: 'No finished attempt yet.',
    trainee: 'Trainee',
    grade: 'Grade',
    answer: 'Answer',
    count: 'Count',
    chartOf: 'Answers to question {number}',
    tableOf: 'Answers to question {number}',
    liveScores: 'Scores of the live session',
    points: 'Points',
    summary: '{participants} participants, {finished} finished attempts, {waiting} answers to grade',
    failed: 'That did not work: {message}',
    essays: 'Open answers ({count})',
    essaysNone: 'No open answer to grade.',
    essayBy: '{name}, question {number}',
    essayMark: 'Mark (out of {max})',
    essayComment: 'Comment for the trainee',
    essaySave: 'Save the mark',
    essaySaved: 'Mark saved for {name}.',
    essayGraded: 'Graded: {mark} out of {max}',
    essayToGrade: 'To grade',
    accommodations: 'Accommodations',
    accommodationsIntro:
      'Extra time given to a trainee on top of the quiz’s {minutes} min; it also applies to their attempt in progress.',
    accommodationsNone: 'No trainee in this course.',
    extraTime: 'Extra time for {name} (minutes)',
    extraSave: 'Save',
    extraSaveFor: 'Save the extra time for {name}',
    extraSaved: 'Extra time for {name}: {minutes} min.',
    extraRemoved: 'No more extra time for {name}.',
    extraInvalid: 'Enter a whole number of minutes, from 0 to 10,080.',
    not_found: 'This person is not a trainee of this course.',
  },
};

/** The longest extra time the subject accepts: a week, in minutes. */
const MAX_EXTRA_MINUTES = 7 * 24 * 60;

type Key = keyof typeof fr;
type Person = { user: string; name: string; extraTimeSeconds: number };

/** A CSV cell: formula injection neutralised, quoted when needed (as the word cloud's exports). */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]|^ | $/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export class MagQuizTrainer extends LitElement {
  static override styles = [
    themeTokens,
    quizStyles,
    css`
      :host {
        margin-top: var(--mag-space);
        padding-top: var(--mag-space);
        border-top: 2px solid var(--mag-color-border);
      }
      .qr {
        width: 12rem;
        height: 12rem;
        background: #fff;
      }
      .chart {
        position: relative;
        max-width: 40rem;
        height: 14rem;
      }
      .result-block {
        margin: 0 0 var(--mag-space);
      }
      fieldset {
        margin: 0 0 var(--mag-space);
        border: 1px solid var(--mag-color-border);
        border-radius: var(--mag-radius);
      }
      input[type='number'] {
        width: 6rem;
      }
      .people {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .people form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0 0 0.5rem;
      }
      .response {
        margin: 0.5rem 0;
        padding: 0.5rem;
        border-left: 4px solid var(--mag-color-border);
        white-space: pre-wrap;
        overflow-wrap: break-word;
      }
    `,
  ];

  @property({ attribute: false }) state!: QuizState;
  @property({ attribute: false }) locale: Locale = 'fr';
  @property({ attribute: false }) api!: QuizTrainerApi;

  @state() private results: Results | null = null;
  @state() private busy = false;
  /** The trainees and their extra time (quiz.accommodations), loaded when the quiz has a time limit. */
  @state() private people: Person[] | null = null;
  /** A refused extra time, by user: shown beside its field. */
  @state() private extraErrors = new Map<string, string>();
  private peopleLoading = false;
  private charts: { destroy(): void }[] = [];

  private t(key: Key, params?: Record<string, string | number>): string {
    return translate(strings, this.locale, key, params);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyCharts();
  }

  private async move(
    action: 'open' | 'start' | 'close' | 'reveal' | 'next' | 'end',
    form?: HTMLFormElement,
  ): Promise<void> {
    this.busy = true;
    try {
      let settings;
      if (form) {
        const data = new FormData(form);
        const timer = Number.parseInt(String(data.get('timer') ?? ''), 10);
        settings = {
          ...(Number.isFinite(timer) && timer >= 5 ? { timerSeconds: Math.min(600, timer) } : {}),
          speedPoints: data.get('speed') === 'on',
          leaderboard: (data.get('leaderboard') ?? 'off') as (typeof LEADERBOARDS)[number],
        };
      }
      this.api.accept(await this.api.call(control, { action, ...(settings ? { settings } : {}) }));
    } catch (error) {
      this.api.say(this.t('failed', { message: error instanceof Error ? error.message : String(error) }), true);
    } finally {
      this.busy = false;
    }
  }

  private async loadResults(): Promise<void> {
    this.busy = true;
    try {
      this.results = await this.api.call(resultsDef, {});
    } catch (error) {
      this.api.say(this.t('failed', { message: error instanceof Error ? error.message : String(error) }), true);
    } finally {
      this.busy = false;
    }
  }

  protected override willUpdate(): void {
    if (this.state.intro.timeLimitSeconds && this.people === null && !this.peopleLoading) {
      this.peopleLoading = true;
      void this.api.call(accommodationsDef, {}).then(
        (answer) => (this.people = answer.people),
        (error: unknown) => {
          this.peopleLoading = false;
          this.api.say(this.t('failed', { message: error instanceof Error ? error.message : String(error) }), true);
        },
      );
    }
  }

  private async saveExtraTime(person: Person, form: HTMLFormElement): Promise<void> {
    const text = String(new FormData(form).get('minutes') ?? '').trim();
    const minutes = Number(text);
    const errors = new Map(this.extraErrors);
    if (!/^\d+$/.test(text) || minutes > MAX_EXTRA_MINUTES) {
      this.extraErrors = errors.set(person.user, this.t('extraInvalid'));
      form.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    errors.delete(person.user);
    this.extraErrors = errors;
    this.busy = true;
    try {
      const answer = await this.api.call(accommodationsDef, {
        set: { user: person.user, extraTimeSeconds: minutes * 60 },
      });
      this.people = answer.people;
      if (answer.error) {
        const code = answer.error.code;
        this.extraErrors = new Map(this.extraErrors).set(
          person.user,
          code === 'not_found' ? this.t('not_found') : answer.error.message || code,
        );
        this.api.say(this.t('failed', { message: this.extraErrors.get(person.user)! }), true);
      } else {
        this.api.say(
          minutes === 0
            ? this.t('extraRemoved', { name: person.name })
            : this.t('extraSaved', { name: person.name, minutes }),
        );
      }
    } catch (error) {
      this.api.say(this.t('failed', { message: error instanceof Error ? error.message : String(error) }), true);
    } finally {
      this.busy = false;
    }
  }

  /** Extra time per trainee, in minutes: one small form each, so that Enter in a field saves that person's time. */
  private renderAccommodations(state: QuizState): TemplateResult | typeof nothing {
    const limit = state.intro.timeLimitSeconds;
    if (!limit) return nothing;
    const people = this.people;
    return html`<section class="accommodations" aria-labelledby="accommodations-heading">
      <h4 id="accommodations-heading">${this.t('accommodations')}</h4>
      <p class="muted">${this.t('accommodationsIntro', { minutes: Math.ceil(limit / 60) })}</p>
      ${
        people === null
          ? nothing
          : people.length === 0
            ? html`<p class="muted">${this.t('accommodationsNone')}</p>`
            : html`<ul class="people">
                ${people.map((person) => {
                  const id = `extra-${person.user}`;
                  const error = this.extraErrors.get(person.user);
                  return html`<li>
                    <form
                      novalidate
                      data-person=${person.user}
                      @submit=${(event: Event) => {
                        event.preventDefault();
                        void this.saveExtraTime(person, event.target as HTMLFormElement);
                      }}
                    >
                      <label for=${id}>${this.t('extraTime', { name: person.name })}</label>
                      <input
                        id=${id}
                        name="minutes"
                        type="number"
                        inputmode="numeric"
                        min="0"
                        max=${MAX_EXTRA_MINUTES}
                        step="1"
                        required
                        aria-invalid=${error ? 'true' : 'false'}
                        aria-describedby=${error ? `${id}-error` : nothing}
                        .value=${String(Math.round((person.extraTimeSeconds / 60) * 100) / 100)}
                      />
                      <button
                        type="submit"
                        aria-label=${this.t('extraSaveFor', { name: person.name })}
                        ?disabled=${this.busy}
                      >
                        ${this.t('extraSave')}
                      </button>
                      ${error ? html`<span id="${id}-error" class="message error">${error}</span>` : nothing}
                    </form>
                  </li>`;
                })}
              </ul>`
      }
    </section>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('results') && this.results) void this.drawCharts(this.results);
  }

  private destroyCharts(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }

  /** chart.js, loaded now: each chart is decorative (aria-hidden), its table beside it says the same. */
  private async drawCharts(results: Results): Promise<void> {
    const { Chart, BarController, BarElement, CategoryScale, LinearScale } = await import('chart.js');
    Chart.register(BarController, BarElement, CategoryScale, LinearScale);
    this.destroyCharts();
    for (const canvas of this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-question]')) {
      const question = results.questions.find((q) => String(q.number) === canvas.dataset['question']);
      const rows = question ? this.rows(question) : [];
      if (rows.length === 0) continue;
      this.charts.push(
        new Chart(canvas, {
          type: 'bar',
          data: {
            labels: rows.map((row) => (row.label.length > 40 ? `${row.label.slice(0, 39)}…` : row.label)),
            datasets: [
              {
                data: rows.map((row) => row.count),
                backgroundColor: rows.map((row) => (row.right ? '#000091' : '#666666')),
              },
            ],
          },
          options: {
            indexAxis: 'y',
            animation: matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 },
            maintainAspectRatio: false,
            plugins: { legend: { display: false }, tooltip: { enabled: false } },
            scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
          },
        }),
      );
    }
  }

  private rows(question: Results['questions'][number]): { label: string; count: number; right: boolean }[] {
    const distribution = question.distribution;
    if (!distribution) return [];
    const code = (key: 'right' | 'partial' | 'wrong') => translate(quizStrings, this.locale, key);
    if (distribution.choices) {
      return distribution.choices.map((c) => ({
        label: question.choices?.[c.id] ?? `${c.id + 1}`,
        count: c.count,
        right: c.right,
      }));
    }
    if (distribution.truefalse) {
      const { truefalse } = distribution;
      return [
        { label: this.locale === 'fr' ? 'Vrai' : 'True', count: truefalse.true, right: truefalse.correct },
        { label: this.locale === 'fr' ? 'Faux' : 'False', count: truefalse.false, right: !truefalse.correct },
      ];
    }
    if (distribution.answers) {
      return [
        ...distribution.answers.map((a) => ({ label: a.label, count: a.count, right: a.state === 'right' })),
        ...(distribution.other ? [{ label: '…', count: distribution.other, right: false }] : []),
      ];
    }
    return (['right', 'partial', 'wrong'] as const).map((s) => ({
      label: code(s),
      count: distribution.states[s],
      right: s === 'right',
    }));
  }

  private async saveEssay(essay: NonNullable<Results['essays']>[number], form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const mark = Number(String(data.get('mark') ?? '').replace(',', '.'));
    const comment = String(data.get('comment') ?? '').trim();
    this.busy = true;
    try {
      const answer = await this.api.call(gradeEssay, {
        attempt: essay.attempt,
        position: essay.position,
        mark,
        ...(comment ? { comment } : {}),
      });
      this.results = answer.results;
      this.api.say(
        answer.error
          ? translate(quizStrings, this.locale, answer.error.code as keyof typeof quizStrings.fr) ||
              answer.error.message
          : this.t('essaySaved', { name: essay.name }),
        Boolean(answer.error),
      );
    } catch (error) {
      this.api.say(this.t('failed', { message: error instanceof Error ? error.message : String(error) }), true);
    } finally {
      this.busy = false;
    }
  }

  private renderEssays(results: Results): TemplateResult | typeof nothing {
    if (!results.essays) return nothing;
    const number = (value: number) => formatNumber(this.locale, Math.round(value * 100) / 100);
    return html`<h4>${this.t('essays', { count: results.essays.length })}</h4>
      ${results.essays.length === 0 ? html`<p class="muted">${this.t('essaysNone')}</p>` : nothing}
      ${results.essays.map(
        (essay) =>
          html`<form
            class="question essay"
            data-essay="${essay.attempt}-${essay.position}"
            aria-label=${this.t('essayBy', { name: essay.name, number: essay.number })}
            @submit=${(event: Event) => {
              event.preventDefault();
              void this.saveEssay(essay, event.target as HTMLFormElement);
            }}
          >
            <p>
              <strong>${this.t('essayBy', { name: essay.name, number: essay.number })}</strong> —
              ${
                essay.mark === null
                  ? this.t('essayToGrade')
                  : this.t('essayGraded', { mark: number(essay.mark), max: number(essay.maxMark) })
              }
            </p>
            <p class="muted">${essay.question}</p>
            <blockquote class="response">${essay.response}</blockquote>
            <p class="field">
              <label for="mark-${essay.attempt}-${essay.position}"
                >${this.t('essayMark', { max: number(essay.maxMark) })}</label
              >
              <input
                id="mark-${essay.attempt}-${essay.position}"
                name="mark"
                type="number"
                min="0"
                max=${essay.maxMark}
                step="0.01"
                required
                .value=${essay.mark === null ? '' : String(essay.mark)}
              />
            </p>
            <p class="field">
              <label for="comment-${essay.attempt}-${essay.position}">${this.t('essayComment')}</label>
              <textarea
                id="comment-${essay.attempt}-${essay.position}"
                name="comment"
                rows="2"
                .value=${essay.comment ?? ''}
              ></textarea>
            </p>
            <button type="submit" class="primary" ?disabled=${this.busy}>${this.t('essaySave')}</button>
          </form>`,
      )}`;
  }

  private exportCsv(): void {
    const results = this.results;
    if (!results) return;
    const numbers = results.questions.filter((q) => q.type !== 'description').map((q) => q.number);
    const header = [this.t('trainee'), this.t('grade'), ...numbers.map((n) => `${this.t('question')} ${n}`)];
    const lines = results.trainees.map((trainee) => [
      trainee.name,
      trainee.grade,
      ...numbers.map((n) => {
        const answer = trainee.answers.find((a) => a.number === n);
        return answer ? `${answer.response}${answer.mark === null ? '' : ` (${answer.mark})`}` : '';
      }),
    ]);
    const csv = `\ufeff${[header, ...lines].map((line) => line.map(cell).join(';')).join('\r\n')}\r\n`;
    download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName(this.state.title, 'csv', 'quiz'));
  }

  override render(): TemplateResult {
    const state = this.state;
    const trainer = state.trainer as
      { participants: number; finishedAttempts: number; needsGrading: number } | undefined;
    return html`<section aria-labelledby="tools-heading">
      <h3 id="tools-heading">${this.t('tools')}</h3>
      ${
        trainer
          ? html`<p class="muted">
              ${this.t('summary', {
                participants: trainer.participants,
                finished: trainer.finishedAttempts,
                waiting: trainer.needsGrading,
              })}
            </p>`
          : nothing
      }
      ${this.renderLive(state)} ${this.renderAccommodations(state)} ${this.renderResults()}
    </section>`;
  }

  private renderLive(state: QuizState): TemplateResult {
    const live = state.live;
    const running = live && live.phase !== 'ended';
    const phase = live?.step?.question.phase;
    const lastStep = live?.step ? live.step.index + 1 >= live.step.total : false;
    const button = (action: Parameters<MagQuizTrainer['move']>[0], key: Key, primary = false) =>
      html`<button
        type="button"
        class=${primary ? 'primary' : ''}
        data-live=${action}
        ?disabled=${this.busy}
        @click=${() => void this.move(action)}
      >
        ${this.t(key)}
      </button>`;
    return html`<h4>${this.t('live')}</h4>
      ${
        !running
          ? html`<form
              @submit=${(event: Event) => {
                event.preventDefault();
                void this.move('open', event.target as HTMLFormElement);
              }}
            >
              <fieldset>
                <legend>${this.t('liveSettings')}</legend>
                <p class="field">
                  <label for="live-timer">${this.t('timer')}</label>
                  <input id="live-timer" name="timer" type="number" min="5" max="600" value="30" />
                </p>
                <p>
                  <input id="live-speed" name="speed" type="checkbox" />
                  <label for="live-speed">${this.t('speedPoints')}</label>
                </p>
                <p class="field">
                  <label for="live-board">${this.t('leaderboard')}</label>
                  <select id="live-board" name="leaderboard">
                    ${LEADERBOARDS.map(
                      (kind) =>
                        html`<option value=${kind} ?selected=${kind === 'progress'}>
                          ${this.t(`leaderboard_${kind}` as Key)}
                        </option>`,
                    )}
                  </select>
                </p>
              </fieldset>
              <button type="submit" class="primary" data-live="open" ?disabled=${this.busy}>${this.t('open')}</button>
            </form>`
          : html`${live.phase === 'lobby' && live.joinUrl ? this.renderJoin(live.joinUrl) : nothing}
              <p class="actions">
                ${live.phase === 'lobby' ? button('start', 'start', true) : nothing}
                ${phase === 'open' ? button('close', 'close') : nothing}
                ${phase === 'open' || phase === 'closed' ? button('reveal', 'reveal', true) : nothing}
                ${phase === 'closed' || phase === 'revealed' ? button('next', lastStep ? 'end' : 'next', phase === 'revealed') : nothing}
                <button type="button" data-live="project" @click=${() => this.api.project()}>
                  ${this.t('project')}
                </button>
                ${button('end', 'end')}
              </p>`
      }`;
  }

  /** The join address as text and as a QR code drawn here (no image fetched, no third party). */
  private renderJoin(path: string): TemplateResult {
    const url = new URL(path, location.href).href;
    const { data, size } = encode(url, { ecc: 'M', border: 2 });
    return html`<div class="join">
      <svg
        class="qr"
        viewBox="0 0 ${size} ${size}"
        role="img"
        aria-label=${this.t('joinCode', { url })}
        shape-rendering="crispEdges"
      >
        <rect width=${size} height=${size} fill="#fff"></rect>
        ${data.flatMap((row, y) => row.flatMap((on, x) => (on ? [svg`<rect x=${x} y=${y} width="1" height="1" fill="#000"></rect>`] : [])))}
      </svg>
      <p><a href=${url}>${url}</a></p>
    </div>`;
  }

  private renderResults(): TemplateResult {
    const results = this.results;
    const number = (value: number | null, digits = 2) =>
      value === null ? '–' : formatNumber(this.locale, Math.round(value * 10 ** digits) / 10 ** digits);
    return html`<h4>${this.t('results')}</h4>
      <p class="actions">
        <button type="button" data-action="results" ?disabled=${this.busy} @click=${() => void this.loadResults()}>
          ${results ? this.t('refresh') : this.t('showResults')}
        </button>
        ${results ? html`<button type="button" data-action="csv" @click=${() => this.exportCsv()}>${this.t('exportCsv')}</button>` : nothing}
      </p>
      ${
        results
          ? html`${results.questions.every((q) => q.attempts === 0) ? html`<p>${this.t('noResults')}</p>` : nothing}
            ${results.questions
              .filter((q) => q.type !== 'description' && q.attempts > 0)
              .map((question) => {
                const rows = this.rows(question);
                return html`<div class="result-block" data-result=${question.number}>
                  <p>
                    <strong>${this.t('question')} ${question.number}</strong> — ${question.text}
                    <br />${this.t('facility')} :
                    ${number(question.facility === null ? null : question.facility * 100, 0)} % · ${this.t('attempts')}
                    : ${question.attempts}
                  </p>
                  ${
                    rows.length > 0
                      ? html`<div class="chart" aria-hidden="true">
                            <canvas data-question=${question.number}></canvas>
                          </div>
                          <table>
                            <caption>
                              ${this.t('tableOf', { number: question.number })}
                            </caption>
                            <thead>
                              <tr>
                                <th scope="col">${this.t('answer')}</th>
                                <th scope="col">${this.t('count')}</th>
                              </tr>
                            </thead>
                            <tbody>
                              ${rows.map(
                                (row) =>
                                  html`<tr>
                                    <th scope="row">${row.right ? '✓ ' : ''}${row.label}</th>
                                    <td class="number">${row.count}</td>
                                  </tr>`,
                              )}
                            </tbody>
                          </table>`
                      : nothing
                  }
                </div>`;
              })}
            ${this.renderEssays(results)}
            ${
              results.trainees.length > 0
                ? html`<table data-table="trainees">
                    <caption>
                      ${this.t('trainee')}s
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">${this.t('trainee')}</th>
                        <th scope="col">${this.t('grade')}</th>
                        <th scope="col">${this.t('attempts')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${results.trainees.map(
                        (trainee) =>
                          html`<tr>
                            <th scope="row">${trainee.name}</th>
                            <td class="number">${number(trainee.grade)} / ${number(results.maxGrade)}</td>
                            <td class="number">${trainee.attempts}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : nothing
            }
            ${
              results.live && results.live.scores.length > 0
                ? html`<table data-table="live">
                    <caption>
                      ${this.t('liveScores')}
                    </caption>
                    <tbody>
                      ${results.live.scores.map(
                        (score) =>
                          html`<tr>
                            <th scope="row">${score.name}</th>
                            <td class="number">${score.points}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>`
                : nothing
            }`
          : nothing
      }`;
  }
}

defineElement('mag-quiz-trainer', MagQuizTrainer);

declare global {
  interface HTMLElementTagNameMap {
    'mag-quiz-trainer': MagQuizTrainer;
  }
}
