/**
 * The self-paced attempt on screen: question navigation, one question at a time with its controls, checks and
 * tries (immediate and interactive behaviours), hints, feedback as the host allows it, the timer, finishing, and
 * the review. Loaded when a trainee starts, resumes or reviews an attempt; the element keeps the logic (drafts,
 * saves, timer) and this module draws it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { translate } from '../../../activities/src/i18n/localize.js';
import type { AttemptView, QuestionView } from '../protocol.js';
import { attemptStrings } from './attempt.strings.js';
import {
  clockText,
  hasResponse,
  renderAnswer,
  renderQuestionText,
  rich,
  rightAnswerLine,
  type ShownQuestion,
} from './questions.js';
import type { QuizViewHost } from './view-host.js';

type Key = keyof typeof attemptStrings.fr;
const t = (h: QuizViewHost, key: Key, params?: Record<string, string | number>): string =>
  translate(attemptStrings, h.locale, key, params);

export function renderAttempt(h: QuizViewHost, attempt: AttemptView): TemplateResult {
  const questions = attempt.questions;
  const page = Math.min(h.page, questions.length - 1);
  const question = questions[page];
  const left = h.timeLeft;
  const unanswered = questions.filter(
    (q) => q.number !== null && q.type !== 'description' && !hasResponse(h.drafts.get(q.slot) ?? null),
  ).length;
  return html`<div class="attempt">
    ${
      left !== null
        ? html`<p class="timer" role="timer" aria-live="off">${t(h, 'timeLeft', { time: clockText(left) })}</p>`
        : nothing
    }
    <nav aria-label=${t(h, 'navigation')}>
      <ol class="nav">
        ${questions.map((q, index) => {
          const answered = hasResponse(h.drafts.get(q.slot) ?? null);
          const label =
            q.number === null
              ? t(h, 'info')
              : t(h, q.status === 'done' ? 'navDone' : answered ? 'navAnswered' : 'navTodo', { number: q.number });
          return html`<li>
            <button
              type="button"
              class="small ${answered ? 'answered' : ''} ${q.status}"
              aria-label=${label}
              aria-current=${index === page ? 'step' : nothing}
              @click=${() => h.goTo(index)}
            >
              ${q.number ?? 'i'}
            </button>
          </li>`;
        })}
      </ol>
    </nav>
    ${question ? renderQuestion(h, question, attempt) : nothing}
    <p class="actions">
      <button type="button" ?disabled=${page === 0} @click=${() => h.goTo(page - 1)}>${t(h, 'previous')}</button>
      <button type="button" ?disabled=${page >= questions.length - 1} @click=${() => h.goTo(page + 1)}>
        ${t(h, 'next')}
      </button>
      <span class="saving" role="status">
        ${
          h.saving === 'saving'
            ? t(h, 'saving')
            : h.saving === 'saved'
              ? t(h, 'saved')
              : h.saving === 'failed'
                ? t(h, 'notSaved')
                : ''
        }
      </span>
    </p>
    ${
      h.confirmingFinish
        ? html`<div class="confirm" role="group" aria-labelledby="finish-confirm">
            <p id="finish-confirm">
              ${t(h, 'finishConfirm')} ${unanswered > 0 ? t(h, 'finishUnanswered', { count: unanswered }) : ''}
            </p>
            <button type="button" class="primary" data-action="confirm-finish" @click=${() => h.finish()}>
              ${t(h, 'confirm')}
            </button>
            <button type="button" @click=${() => (h.confirmingFinish = false)}>${t(h, 'cancel')}</button>
          </div>`
        : html`<p class="actions">
            <button
              type="button"
              class="primary"
              data-action="finish"
              @click=${() => {
                h.saveDirty();
                h.confirmingFinish = true;
              }}
            >
              ${t(h, 'finish')}
            </button>
          </p>`
    }
  </div>`;
}

export function renderQuestion(
  h: QuizViewHost,
  question: QuestionView,
  attempt: AttemptView,
  review = false,
): TemplateResult {
  const id = `q${attempt.number}-${question.slot}`;
  const response = review ? question.response : (h.drafts.get(question.slot) ?? null);
  const open = attempt.status === 'inProgress' && question.status === 'todo' && !review;
  const parts = question.feedback?.parts ? new Map(question.feedback.parts.map((p) => [p.id, p.state])) : undefined;
  const checkable =
    open && attempt.behaviour !== 'deferred' && question.type !== 'essay' && question.type !== 'description';
  return html`<article class="question" aria-labelledby="${id}-title" data-slot=${question.slot}>
    <h3 id="${id}-title" tabindex="-1">
      ${question.number === null ? t(h, 'info') : t(h, 'question', { number: question.number })}
      ${
        question.number !== null && question.maxMark > 0
          ? html`<span class="muted"
              >(${h.code('mark', { mark: '…', max: h.number(question.maxMark) }).replace(/^[^(]*?…\s*/, '')})</span
            >`
          : nothing
      }
    </h3>
    ${renderQuestionText(question as ShownQuestion, id)}
    ${renderAnswer(question as ShownQuestion, {
      locale: h.locale,
      id,
      response,
      disabled: !open,
      onResponse: (next) => h.setDraft(question.slot, next),
      announce: (text) => h.announce(text),
      ...(parts ? { parts } : {}),
    })}
    ${question.invalid ? html`<p class="message error" role="alert">${h.code(question.invalid)}</p>` : nothing}
    ${
      question.triesLeft !== undefined && open
        ? html`<p class="muted">${h.code('tries_left', { count: question.triesLeft })}</p>`
        : nothing
    }
    ${
      question.hint !== undefined
        ? html`<div class="hint" tabindex="-1">
            ${question.feedback?.state ? html`<p><strong>${h.code(question.feedback.state)}</strong></p>` : nothing}
            ${(question.feedback?.specific ?? []).map((text) => html`<div>${rich(text, question.textFormat)}</div>`)}
            <div>${rich(question.hint, question.textFormat)}</div>
            ${question.numCorrect ? html`<p>${h.code('num_correct', question.numCorrect)}</p>` : nothing}
          </div>`
        : nothing
    }
    ${question.status === 'done' || (review && question.feedback) ? renderFeedback(h, question) : nothing}
    ${
      checkable
        ? html`<p class="actions">
            <button type="button" data-action="check" @click=${() => h.perform('check', question.slot)}>
              ${t(h, 'check')}
            </button>
          </p>`
        : nothing
    }
    ${
      question.status === 'tryAgain' && !review
        ? html`<p class="actions">
            <button
              type="button"
              class="primary"
              data-action="try-again"
              @click=${() => h.perform('tryAgain', question.slot)}
            >
              ${t(h, 'tryAgain')}
            </button>
          </p>`
        : nothing
    }
  </article>`;
}

export function renderFeedback(h: QuizViewHost, question: QuestionView): TemplateResult | typeof nothing {
  const feedback = question.feedback;
  if (!feedback) return nothing;
  return html`<div class="feedback ${feedback.state ?? ''}" tabindex="-1" data-state=${feedback.state ?? ''}>
    ${feedback.state ? html`<p><strong>${h.code(feedback.state)}</strong></p>` : nothing}
    ${
      feedback.mark !== undefined
        ? html`<p>${h.code('mark', { mark: h.number(feedback.mark), max: h.number(question.maxMark) })}</p>`
        : nothing
    }
    ${(feedback.specific ?? []).map((text) => html`<div>${rich(text, question.textFormat)}</div>`)}
    ${
      feedback.rightAnswer
        ? html`<p>${rightAnswerLine(h.locale, (value) => h.number(value), question, feedback.rightAnswer)}</p>`
        : nothing
    }
    ${feedback.comment ? html`<div>${rich(feedback.comment, 'plain')}</div>` : nothing}
    ${
      feedback.general
        ? html`<div class="general">
            <p><strong>${t(h, 'generalFeedback')}</strong></p>
            ${rich(feedback.general, question.textFormat)}
          </div>`
        : nothing
    }
  </div>`;
}

export function renderReview(h: QuizViewHost, attempt: AttemptView): TemplateResult {
  const result = attempt.result;
  return html`<div class="review">
    ${
      result && result.grade !== null
        ? html`<p class="result" tabindex="-1" data-info="result">
            ${t(h, 'result', { grade: h.number(result.grade), max: h.number(result.maxGrade) })}
            ${result.passed === null ? nothing : html`— <strong>${t(h, result.passed ? 'passed' : 'notPassed')}</strong>`}
          </p>`
        : html`<p class="result" tabindex="-1" data-info="result">
            ${result ? t(h, 'gradePending') : t(h, 'finishedNoMarks')}
          </p>`
    }
    ${attempt.questions.map((question) => renderQuestion(h, question, attempt, true))}
  </div>`;
}
