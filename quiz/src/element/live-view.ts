/**
 * A live session as a trainee sees it (join, lobby, the open question with its timer, their answer, the results
 * once revealed, the leaderboard) and as it is projected. Loaded when a live session runs.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { translate } from '../../../activities/src/i18n/localize.js';
import { cssVar } from '../../../activities/src/util/css-var.js';
import type { LiveResults, LiveState } from '../protocol.js';
import { liveStrings } from './live.strings.js';
import {
  clockText,
  hasResponse,
  plain,
  renderAnswer,
  renderQuestionText,
  rich,
  rightAnswerLine,
  trueFalseLabel,
  type ShownQuestion,
} from './questions.js';
import type { QuizViewHost } from './view-host.js';

type Key = keyof typeof liveStrings.fr;
const t = (h: QuizViewHost, key: Key, params?: Record<string, string | number>): string =>
  translate(liveStrings, h.locale, key, params);

function absolute(url: string): string {
  try {
    return new URL(url, location.href).href;
  } catch {
    return url;
  }
}

export function renderLiveEnd(h: QuizViewHost, live: LiveState): TemplateResult {
  return html`<div class="live ended">
    <p>${t(h, 'ended')}</p>
    ${renderLeaderboard(h, live)}
  </div>`;
}

export function renderLive(h: QuizViewHost, live: LiveState | null): TemplateResult {
  if (!live) return html`<p class="muted">${t(h, 'lobby')}</p>`;
  const trainer = h.role === 'trainer';
  const step = live.step;
  return html`<div class="live" data-phase=${live.phase}>
    <p class="live-title"><strong>${t(h, 'liveTitle')}</strong> · ${t(h, 'participants', { count: live.joined })}</p>
    ${live.phase === 'ended' ? html`<p>${t(h, 'ended')}</p>` : nothing}
    ${
      !trainer && !live.me.joined && live.phase !== 'ended'
        ? html`<p class="actions">
            <button type="button" class="primary big" data-action="join" @click=${() => h.joinLive()}>
              ${t(h, 'join')}
            </button>
          </p>`
        : nothing
    }
    ${
      live.phase === 'lobby'
        ? html`<p class="lobby" data-info="lobby">${live.me.joined ? t(h, 'joined') : t(h, 'lobby')}</p>
            ${trainer && live.joinUrl ? html`<p class="join-url">${t(h, 'joinAt', { url: absolute(live.joinUrl) })}</p>` : nothing}`
        : nothing
    }
    ${step && live.phase === 'question' ? renderLiveStep(h, live, step) : nothing}
    ${live.me.team ? html`<p class="muted">${t(h, 'yourTeam', { team: live.me.team })}</p>` : nothing}
    ${live.phase !== 'lobby' ? renderLeaderboard(h, live) : nothing}
  </div>`;
}

export function renderLiveStep(h: QuizViewHost, live: LiveState, step: NonNullable<LiveState['step']>): TemplateResult {
  const question = step.question;
  const id = `live-${live.session}-${step.index}`;
  const trainer = h.role === 'trainer';
  const canAnswer = !trainer && live.me.joined && question.phase === 'open' && !step.mine.answered;
  const response = step.mine.answered ? (step.mine.response ?? null) : h.liveDraft;
  const left = step.timeLeftMs;
  return html`<article class="question live-question" aria-labelledby="${id}-title" data-phase=${question.phase}>
    <h3 id="${id}-title">${t(h, 'liveQuestion', { number: step.index + 1, total: step.total })}</h3>
    ${
      left !== null && question.phase === 'open'
        ? html`<p class="timer" role="timer">${t(h, 'timeLeft', { time: clockText(left) })}</p>`
        : nothing
    }
    ${renderQuestionText(question, id)}
    ${
      trainer
        ? nothing
        : renderAnswer(question, {
            locale: h.locale,
            id,
            response,
            disabled: !canAnswer,
            onResponse: (next) => (h.liveDraft = next),
            announce: (text) => h.announce(text),
          })
    }
    ${
      canAnswer
        ? html`<p class="actions">
            <button
              type="button"
              class="primary big"
              data-action="send"
              ?disabled=${!hasResponse(h.liveDraft)}
              @click=${() => h.sendLive(step.index)}
            >
              ${t(h, 'send')}
            </button>
          </p>`
        : nothing
    }
    ${step.mine.answered && question.phase === 'open' ? html`<p role="status">${t(h, 'answered')}</p>` : nothing}
    ${question.phase === 'closed' ? html`<p role="status">${t(h, 'closedLive')}</p>` : nothing}
    <p class="muted" data-info="responses">${t(h, 'responses', { count: question.responses })}</p>
    ${
      step.mine.outcome
        ? html`<p class="outcome ${step.mine.outcome.state}" role="status" data-info="outcome">
            <strong>${h.code(step.mine.outcome.state)}</strong> ·
            ${t(h, 'yourPoints', { points: step.mine.outcome.points })}
          </p>`
        : nothing
    }
    ${question.results ? renderResults(h, question, question.results) : nothing}
  </article>`;
}

/** Revealed results as bars with their counts (a list, read as such by screen readers). */
export function renderResults(h: QuizViewHost, question: ShownQuestion, results: LiveResults): TemplateResult {
  const format = question.textFormat;
  let rows: { label: string; count: number; right: boolean }[] = [];
  if (results.choices) {
    rows = results.choices.map((c) => ({
      label: plain(question.choices?.find((choice) => choice.id === c.id)?.text ?? '', format),
      count: c.count,
      right: c.right,
    }));
  } else if (results.truefalse) {
    rows = [
      { label: trueFalseLabel(h.locale, true), count: results.truefalse.true, right: results.truefalse.correct },
      { label: trueFalseLabel(h.locale, false), count: results.truefalse.false, right: !results.truefalse.correct },
    ];
  } else if (results.answers) {
    rows = [
      ...results.answers.map((a) => ({ label: a.label, count: a.count, right: a.state === 'right' })),
      ...(results.other ? [{ label: t(h, 'other'), count: results.other, right: false }] : []),
    ];
  } else {
    rows = (['right', 'partial', 'wrong'] as const).map((state) => ({
      label: h.code(state),
      count: results.states[state],
      right: state === 'right',
    }));
  }
  const max = Math.max(1, ...rows.map((row) => row.count));
  return html`<ul class="bars" data-info="results">
      ${rows.map(
        (row) =>
          html`<li class=${row.right ? 'right' : ''}>
            <span class="bar-label">${row.right ? '✓ ' : ''}${row.label}</span>
            <span class="bar" aria-hidden="true"><span class="fill" ${cssVar('--share', row.count / max)}></span></span>
            <span class="bar-count">${t(h, 'count', { count: row.count })}</span>
          </li>`,
      )}
    </ul>
    ${
      results.rightAnswer
        ? html`<p>${rightAnswerLine(h.locale, (value) => h.number(value), question, results.rightAnswer)}</p>`
        : nothing
    }
    ${results.generalFeedback ? html`<div class="general">${rich(results.generalFeedback, format)}</div>` : nothing}`;
}

export function renderLeaderboard(h: QuizViewHost, live: LiveState): TemplateResult | typeof nothing {
  const board = live.leaderboard;
  if (!board) return nothing;
  if (board.kind === 'progress') {
    if (!board.me) return nothing;
    return html`<p class="leaderboard" data-info="progress">
      ${t(h, 'yourPoints', { points: board.me.points })} ·
      ${board.me.rank === 1 ? t(h, 'rankOfFirst', { of: board.me.of }) : t(h, 'rankOf', { rank: board.me.rank, of: board.me.of })}
    </p>`;
  }
  const rows =
    board.kind === 'top5'
      ? board.rows.map((row) => ({ rank: row.rank, name: row.name, points: row.points }))
      : board.rows.map((row) => ({ rank: row.rank, name: t(h, 'team', { team: row.team }), points: row.points }));
  return html`<table class="leaderboard" data-info=${board.kind}>
    <caption>
      ${t(h, board.kind === 'top5' ? 'top5' : 'teams')}
    </caption>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            <td class="number">${row.rank}</td>
            <th scope="row">${row.name}</th>
            <td class="number">${row.points}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
