/* global H5P */
/**
 * H5P.MagChoice 1.0: one multiple-choice question, written for the tests and the sample catalog of the
 * Magistère activities (no third-party H5P code). What it does, as H5P content types do:
 *
 * - renders the question as a fieldset of native radio buttons with labels (keyboard and screen readers for
 *   free), a check button, and the feedback in a polite live region;
 * - on check, emits the xAPI `answered` statement (choice interaction, response, score, success) and then
 *   `completed`, both through H5P's scored-result helpers;
 * - `getCurrentState()` gives `{ selected, checked }` for H5P to save, and `extras.previousState` resumes it
 *   (a checked answer comes back checked, with its feedback, without emitting xAPI again);
 * - triggers `resize` whenever its height may change, so the frame follows it;
 * - implements the question contract (`getScore`, `getMaxScore`, `getAnswerGiven`, `showSolutions`,
 *   `resetTask`, `getXAPIData`).
 *
 * Parameters (content/content.json): `question` (plain text), `answers` [{ text, correct, feedback? }],
 * `behaviour.enableRetry`, `l10n` (texts, see semantics.json).
 */
H5P.MagChoice = (function () {
  'use strict';

  const DEFAULT_L10N = {
    check: 'Check',
    retry: 'Retry',
    correct: 'Right answer.',
    incorrect: 'Not the right answer.',
    noAnswer: 'Choose an answer first.',
    score: 'Score: :num out of :total',
  };

  let instances = 0;

  function MagChoice(params, contentId, extras) {
    H5P.EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
    this.extras = extras || {};
    this.answers = Array.isArray(this.params.answers) ? this.params.answers.filter((a) => a && a.text) : [];
    this.l10n = Object.assign({}, DEFAULT_L10N, this.params.l10n || {});
    this.enableRetry = !this.params.behaviour || this.params.behaviour.enableRetry !== false;
    this.uid = 'h5p-magchoice-' + ++instances;

    const state = this.extras.previousState;
    const valid =
      state && Number.isInteger(state.selected) && state.selected >= 0 && state.selected < this.answers.length;
    this.selected = valid ? state.selected : -1;
    this.checked = Boolean(valid && state.checked);
  }

  MagChoice.prototype = Object.create(H5P.EventDispatcher.prototype);
  MagChoice.prototype.constructor = MagChoice;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  MagChoice.prototype.attach = function ($container) {
    const container = $container.get ? $container.get(0) : $container;
    container.classList.add('h5p-magchoice');
    container.textContent = '';

    const fieldset = element('fieldset', 'h5p-magchoice-question');
    fieldset.appendChild(element('legend', 'h5p-magchoice-legend', this.params.question || ''));
    this.inputs = this.answers.map((answer, index) => {
      const row = element('div', 'h5p-magchoice-option');
      const input = element('input');
      input.type = 'radio';
      input.name = this.uid;
      input.id = this.uid + '-' + index;
      input.value = String(index);
      input.checked = index === this.selected;
      input.addEventListener('change', () => {
        this.selected = index;
        this.feedback.textContent = '';
        this.triggerXAPI('interacted');
      });
      const label = element('label', undefined, answer.text);
      label.htmlFor = input.id;
      const mark = element('span', 'h5p-magchoice-mark');
      row.append(input, label, mark);
      fieldset.appendChild(row);
      return { row, input, mark };
    });

    this.checkButton = element('button', 'h5p-magchoice-button', this.l10n.check);
    this.checkButton.type = 'button';
    this.checkButton.addEventListener('click', () => this.check());
    this.retryButton = element('button', 'h5p-magchoice-button', this.l10n.retry);
    this.retryButton.type = 'button';
    this.retryButton.addEventListener('click', () => {
      this.resetTask();
      if (this.inputs[0]) this.inputs[0].input.focus();
    });
    this.feedback = element('div', 'h5p-magchoice-feedback');
    this.feedback.setAttribute('role', 'status');

    const actions = element('div', 'h5p-magchoice-actions');
    actions.append(this.checkButton, this.retryButton);
    container.append(fieldset, actions, this.feedback);
    this.render();
  };

  /** Shows the current state: marks and feedback once checked, the buttons that apply. */
  MagChoice.prototype.render = function () {
    if (!this.inputs) return;
    this.inputs.forEach((option, index) => {
      const answer = this.answers[index];
      option.input.checked = index === this.selected;
      option.input.disabled = this.checked;
      option.row.classList.toggle('h5p-magchoice-right', this.checked && index === this.selected && !!answer.correct);
      option.row.classList.toggle('h5p-magchoice-wrong', this.checked && index === this.selected && !answer.correct);
      option.mark.textContent =
        this.checked && index === this.selected ? ' ' + (answer.correct ? this.l10n.correct : this.l10n.incorrect) : '';
    });
    this.checkButton.hidden = this.checked;
    this.retryButton.hidden = !this.checked || !this.enableRetry;
    if (this.checked) {
      const answer = this.answers[this.selected];
      const score = this.l10n.score
        .replace(':num', String(this.getScore()))
        .replace(':total', String(this.getMaxScore()));
      this.feedback.textContent = [
        answer.correct ? this.l10n.correct : this.l10n.incorrect,
        answer.feedback || '',
        score,
      ]
        .filter((part) => part !== '')
        .join(' ');
    }
    this.trigger('resize');
  };

  MagChoice.prototype.check = function () {
    if (this.checked) return;
    if (this.selected < 0) {
      this.feedback.textContent = this.l10n.noAnswer;
      this.trigger('resize');
      return;
    }
    this.checked = true;
    this.render();
    const score = this.getScore();
    const max = this.getMaxScore();
    this.trigger(this.answeredEvent());
    this.triggerXAPIScored(score, max, 'completed', true, score === max);
  };

  /** The xAPI `answered` statement: a choice interaction with the response and the score. */
  MagChoice.prototype.answeredEvent = function () {
    const event = this.createXAPIEventTemplate('answered');
    const object = event.data.statement.object || (event.data.statement.object = {});
    const definition = object.definition || (object.definition = {});
    Object.assign(definition, {
      description: { 'en-US': this.params.question || '' },
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      interactionType: 'choice',
      correctResponsesPattern: this.answers
        .map((answer, index) => (answer.correct ? String(index) : null))
        .filter((id) => id !== null),
      choices: this.answers.map((answer, index) => ({ id: String(index), description: { 'en-US': answer.text } })),
    });
    const score = this.getScore();
    event.setScoredResult(score, this.getMaxScore(), this, true, score === this.getMaxScore());
    if (this.selected >= 0) event.data.statement.result.response = String(this.selected);
    return event;
  };

  MagChoice.prototype.getScore = function () {
    return this.checked && this.selected >= 0 && this.answers[this.selected].correct ? 1 : 0;
  };

  MagChoice.prototype.getMaxScore = function () {
    return 1;
  };

  MagChoice.prototype.getAnswerGiven = function () {
    return this.selected >= 0;
  };

  MagChoice.prototype.showSolutions = function () {
    if (!this.inputs) return;
    this.inputs.forEach((option, index) => {
      option.row.classList.toggle('h5p-magchoice-solution', !!this.answers[index].correct);
    });
    this.trigger('resize');
  };

  MagChoice.prototype.resetTask = function () {
    this.selected = -1;
    this.checked = false;
    if (this.feedback) this.feedback.textContent = '';
    if (this.inputs) this.inputs.forEach((option) => option.row.classList.remove('h5p-magchoice-solution'));
    this.render();
  };

  /** What H5P saves and gives back as `extras.previousState`; nothing until an answer is chosen. */
  MagChoice.prototype.getCurrentState = function () {
    return this.selected >= 0 ? { selected: this.selected, checked: this.checked } : undefined;
  };

  MagChoice.prototype.getXAPIData = function () {
    return { statement: this.answeredEvent().data.statement };
  };

  MagChoice.prototype.getTitle = function () {
    return H5P.createTitle(this.params.question || 'MagChoice');
  };

  return MagChoice;
})();
