import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BridgeHost } from '../../../activities/src/host/host.js';
import { runBridgeContractTests } from '../../../activities/src/testing/bridge-contract.js';
import { until } from '../../../activities/src/testing/helpers.js';
import {
  applyAction,
  attemptGrade,
  canStart,
  fromDisplayed,
  quizGrade,
  startAttempt,
  toDisplayed,
  type AttemptState,
  type Quiz,
} from '../attempt.js';
import { grade } from '../grading.js';
import {
  DEFAULT_LIVE_SETTINGS,
  acceptsAnswer,
  control as move,
  newSession,
  phaseAt,
  type LiveSession,
} from '../live.js';
import type { Response } from '../response.js';
import { act, answer, getState, join, start, updated, type QuizState } from '../protocol.js';
import { accommodations, control, gradeEssay, results, type Results } from '../trainer-protocol.js';
import { liveOrder, liveQuestionView, traineeView } from '../view.js';
import type { MagQuiz } from './quiz.component.js';
import './quiz.js';

/** One question of each type, in a fixed order (no shuffling) so that the tests know where things are. */
const QUIZ: Quiz = {
  settings: { behaviour: 'deferred', shuffleAnswers: false, maxGrade: 10, passGrade: 5, attemptsAllowed: 3 },
  slots: [
    { question: { type: 'description', text: 'Bienvenue dans ce quiz.', textFormat: 'plain' } },
    {
      question: {
        type: 'single',
        text: '<p>Capitale de la <strong>France</strong>\u202f?</p><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">',
        textFormat: 'html',
        answers: [
          { text: 'Lyon', fraction: 0 },
          { text: 'Paris', fraction: 100, feedback: 'Bien sûr.' },
        ],
        generalFeedback: 'Paris est la capitale depuis longtemps.',
      },
    },
    {
      question: {
        type: 'multiple',
        text: 'Lesquels sont des nombres pairs\u202f?',
        textFormat: 'plain',
        answers: [
          { text: '2', fraction: 50 },
          { text: '3', fraction: -100 },
          { text: '4', fraction: 50 },
        ],
      },
    },
    { question: { type: 'truefalse', text: 'Le ciel est vert.', textFormat: 'plain', correct: false } },
    {
      question: {
        type: 'shortanswer',
        text: 'Le service public qui certifie les compétences numériques\u202f?',
        textFormat: 'plain',
        caseSensitive: false,
        answers: [{ text: 'Pix', fraction: 100 }],
      },
    },
    {
      question: {
        type: 'numerical',
        text: 'Combien de domaines compte le CRCN\u202f?',
        textFormat: 'plain',
        answers: [{ kind: 'exact', value: 5, tolerance: 0, fraction: 100 }],
      },
    },
    {
      question: {
        type: 'matching',
        text: 'Associez.',
        textFormat: 'plain',
        shuffleAnswers: false,
        pairs: [
          { left: 'ENT', right: 'Espace numérique' },
          { left: 'Pix', right: 'Certification' },
        ],
      },
    },
    {
      question: {
        type: 'ordering',
        text: 'Dans l’ordre\u202f:',
        textFormat: 'plain',
        items: ['un', 'deux', 'trois'],
        grading: 'allOrNothing',
      },
    },
    { question: { type: 'essay', text: 'Votre avis\u202f?', textFormat: 'plain' } },
  ],
};

/**
 * A host with the quiz in memory, standing in for the server in these element tests: it runs the same trusted
 * functions the reference host runs (attempts, grading, views). host/test/quiz.test.ts and the end-to-end tests
 * prove the real path.
 */
function memoryHost(role: 'trainer' | 'trainee', quiz: Quiz = QUIZ, locale: 'fr' | 'en' = 'fr') {
  const attempts: AttemptState[] = [];
  let version = 1;
  let session: LiveSession | null = null;
  const answers = new Map<number, Response>();
  let joined = false;
  const received: unknown[] = [];
  const host = new BridgeHost({ context: { locale, role, user: { id: 'u', name: 'Lucas Bernard' } } });
  const liveSlots = quiz.slots.flatMap((slot, i) => (slot.question.type === 'description' ? [] : [i]));
  const state = (): QuizState => {
    const now = Date.now();
    const current = attempts.find((a) => a.status === 'inProgress') ?? attempts.at(-1) ?? null;
    const allowed = canStart(quiz, attempts, now);
    const finished = attempts.filter((a) => a.status === 'finished');
    const value = quizGrade(quiz, finished);
    let live: QuizState['live'] = null;
    if (session) {
      live = {
        session: 's1',
        phase: session.phase,
        joined: joined ? 1 : 0,
        me: { joined, points: 0 },
        joinUrl: '/course/activity/q1',
        settings: { speedPoints: false, leaderboard: 'off' },
      };
      if (session.phase === 'question') {
        const index = liveSlots[session.step]!;
        const question = quiz.slots[index]!.question;
        const order = liveOrder(question, `s1:${session.step}`);
        const phase = phaseAt(session, now);
        const mine = answers.get(session.step);
        live.step = {
          index: session.step,
          total: liveSlots.length,
          question: liveQuestionView(question, order, phase, mine ? [mine] : []),
          timeLeftMs: null,
          mine: mine
            ? {
                answered: true,
                response: toDisplayed(
                  question,
                  { index, ...order, response: null, tries: 0, status: 'todo', outcome: null, fraction: null },
                  mine,
                ) as never,
                ...(phase === 'revealed' ? { outcome: { state: grade(question, mine).state, points: 1000 } } : {}),
              }
            : { answered: false },
        };
      }
    }
    const value2: QuizState = {
      version,
      title: 'Quiz de test',
      intro: {
        questions: 8,
        behaviour: quiz.settings.behaviour,
        ...(quiz.settings.timeLimitSeconds ? { timeLimitSeconds: quiz.settings.timeLimitSeconds } : {}),
        attemptsAllowed: 3,
        maxGrade: 10,
        passGrade: 5,
        gradingMethod: 'highest',
      },
      selfPaced: {
        attempt: current ? traineeView(quiz, current, now) : null,
        attempts: attempts.map((a) => {
          const g = attemptGrade(quiz, a);
          return {
            number: a.number,
            status: a.status,
            grade: g.grade,
            maxGrade: g.maxGrade,
            passed: g.passed,
            finishedAt: a.finishedAt,
          };
        }),
        canStart: allowed.ok,
        grade: value,
        passed: value === null ? null : value >= 5,
      },
      live,
    };
    received.push(value2);
    return value2;
  };
  host.handle(getState, () => state());
  host.handle(start, () => {
    const started = startAttempt(quiz, { seed: 'seed', now: Date.now(), previous: attempts });
    if (started.ok) attempts.push(started.state);
    return state();
  });
  host.handle(act, ({ attempt, action }) => {
    const index = attempts.findIndex((a) => a.number === attempt);
    const result = applyAction(quiz, attempts[index]!, action, Date.now());
    if (!result.ok) return { error: { code: result.error.code, message: result.error.message }, state: state() };
    attempts[index] = result.state;
    return { state: state() };
  });
  host.handle(join, () => {
    joined = true;
    version++;
    return state();
  });
  host.handle(answer, ({ step, response }) => {
    if (!session || !acceptsAnswer(session, step, Date.now()))
      return { accepted: false, error: { code: 'closed', message: '' }, state: state() };
    const index = liveSlots[step]!;
    const question = quiz.slots[index]!.question;
    const order = liveOrder(question, `s1:${step}`);
    const parsed = fromDisplayed(
      question,
      { index, ...order, response: null, tries: 0, status: 'todo', outcome: null, fraction: null },
      response,
    );
    if (!parsed.ok) return { accepted: false, error: { code: parsed.error.code, message: '' }, state: state() };
    answers.set(step, parsed.response);
    return { accepted: true, state: state() };
  });
  /** The trainer's moves, as the server applies them (a trainer element calls them through `control`). */
  const drive = (action: 'open' | 'start' | 'close' | 'reveal' | 'next' | 'end'): void => {
    if (action === 'open') session = newSession({ ...DEFAULT_LIVE_SETTINGS });
    else if (session) {
      const moved = move(session, action, Date.now(), liveSlots.length);
      if (moved.ok) session = moved.session;
    }
    version++;
    host.emit('q1', updated.subject, { version });
  };
  host.handle(control, ({ action }) => {
    drive(action);
    return state();
  });
  const essays: NonNullable<Results['essays']> = [
    {
      attempt: 7,
      position: 8,
      number: 9,
      name: 'Emma Petit',
      question: 'Votre avis ?',
      response: '<b>Le travail</b> en groupes.',
      maxMark: 1,
      mark: null,
    },
  ];
  const report = (): Results => ({ questions: [], trainees: [], maxGrade: 10, essays, live: null });
  host.handle(results, () => report());
  host.handle(gradeEssay, ({ attempt, position, mark, comment }) => {
    const essay = essays.find((e) => e.attempt === attempt && e.position === position)!;
    essay.mark = mark;
    if (comment) essay.comment = comment;
    return { results: report() };
  });
  /** The course's trainees and their extra time, as the reference host keeps them. */
  const people = [
    { user: '7', name: 'Emma Petit', extraTimeSeconds: 0 },
    { user: '8', name: 'Lucas Bernard', extraTimeSeconds: 600 },
  ];
  const extraTimeCalls: unknown[] = [];
  host.handle(accommodations, ({ set }) => {
    if (set) extraTimeCalls.push(set);
    const person = set && people.find((p) => p.user === set.user);
    if (set && !person) return { error: { code: 'not_found', message: 'No such trainee.' }, people };
    if (person && set) person.extraTimeSeconds = set.extraTimeSeconds;
    return { people: people.map((p) => ({ ...p })) };
  });
  /** Tells the page that something changed (as the host does when a trainer moves a deadline). */
  const bump = (): void => {
    version++;
    host.emit('q1', updated.subject, { version });
  };
  return { host, attempts, received, state, drive, answers, people, extraTimeCalls, bump };
}

async function mount(role: 'trainer' | 'trainee', quiz: Quiz = QUIZ, locale: 'fr' | 'en' = 'fr') {
  const memory = memoryHost(role, quiz, locale);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const stop = memory.host.listen(wrapper);
  const element = document.createElement('mag-quiz') as MagQuiz;
  element.instance = 'q1';
  wrapper.append(element);
  await until(() => element.shadowRoot!.querySelector('[data-action="start"], .attempt, .live') !== null, 'the quiz');
  return { ...memory, element, close: () => (stop(), memory.host.close(), element.remove()) };
}

const $ = <T extends Element = HTMLElement>(element: MagQuiz, selector: string) =>
  element.shadowRoot!.querySelector<T>(selector);

async function startAttemptNow(element: MagQuiz) {
  $<HTMLButtonElement>(element, '[data-action="start"]')!.click();
  await until(() => $(element, '.attempt .question') !== null, 'the attempt');
}

const currentSlot = (element: MagQuiz) => Number($(element, '.question')!.getAttribute('data-slot'));

/** Goes to the next question (the element saves the current one first). */
async function next(element: MagQuiz) {
  const before = currentSlot(element);
  const buttons = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('.attempt > .actions button')];
  buttons.find((b) => /Suivante|Next/.test(b.textContent ?? ''))!.click();
  await until(() => currentSlot(element) !== before, 'the next question');
}

describe('<mag-quiz>', () => {
  it('is accessible (axe): the introduction, a question, the review', async () => {
    const { element, close } = await mount('trainee');
    await expect(element).to.be.accessible();
    await startAttemptNow(element);
    await next(element);
    await expect(element).to.be.accessible();
    close();
  });

  it('answers every question type with the keyboard alone, then finishes and shows the grade', async () => {
    const { element, attempts, close } = await mount('trainee');
    await startAttemptNow(element);
    const press = async (...keys: string[]) => {
      for (const key of keys) await sendKeys({ press: key });
      await element.updateComplete;
    };
    // Description, then the single-choice question: Tab into the radio group, arrows move the choice.
    await next(element);
    expect(currentSlot(element)).to.equal(1);
    // Sanitised text: the script and the image's handler are gone, the emphasis is kept.
    expect($(element, '.qtext strong')!.textContent).to.equal('France');
    expect(element.shadowRoot!.querySelector('.qtext script, .qtext img[onerror]')).to.equal(null);
    $<HTMLInputElement>(element, '.choice input')!.focus();
    await press('ArrowDown');
    expect(element.shadowRoot!.activeElement?.closest('label')?.textContent).to.contain('Paris');
    await next(element);
    // Multiple response: Space ticks the focused box, Tab moves on.
    $<HTMLInputElement>(element, '.choice input')!.focus();
    await press('Space', 'Tab', 'Tab', 'Space');
    await next(element);
    // True / false.
    $<HTMLInputElement>(element, '.choice input')!.focus();
    await press('ArrowDown');
    await next(element);
    // Short answer and numerical: type.
    $<HTMLInputElement>(element, 'input[type="text"]')!.focus();
    await sendKeys({ type: 'pix' });
    await next(element);
    $<HTMLInputElement>(element, 'input[type="text"]')!.focus();
    await sendKeys({ type: '5' });
    await next(element);
    // Matching: a select per stem, arrows choose.
    $<HTMLSelectElement>(element, 'select')!.focus();
    await press('ArrowDown');
    const selects = [...element.shadowRoot!.querySelectorAll<HTMLSelectElement>('select')];
    selects[1]!.focus();
    await press('ArrowDown', 'ArrowDown');
    await next(element);
    // Ordering: the "down" button of an item, pressed with Enter.
    const firstItem = $(element, '.ordering li')!.getAttribute('data-item');
    $<HTMLButtonElement>(element, '.ordering li [data-move="down"]')!.focus();
    await press('Enter');
    expect($(element, '.ordering li:nth-child(2)')!.getAttribute('data-item')).to.equal(firstItem);
    expect($(element, '[aria-live="polite"]')!.textContent).to.match(/position 2/);
    await next(element);
    // Essay.
    $<HTMLTextAreaElement>(element, 'textarea')!.focus();
    await sendKeys({ type: 'Le travail en groupes.' });
    // Finish, confirm.
    $<HTMLButtonElement>(element, '[data-action="finish"]')!.focus();
    await press('Enter');
    await until(() => $(element, '[data-action="confirm-finish"]') !== null, 'the confirmation');
    $<HTMLButtonElement>(element, '[data-action="confirm-finish"]')!.focus();
    await press('Enter');
    await until(() => attempts[0]?.status === 'finished', 'finished', 8_000);
    const state = attempts[0]!;
    const responses = Object.fromEntries(state.slots.map((slot) => [slot.index, slot.response]));
    expect(responses[1]).to.deep.equal({ choice: 1 });
    expect(responses[2]).to.deep.equal({ choices: [0, 2] });
    expect(responses[3]).to.deep.equal({ value: false });
    expect(responses[4]).to.deep.equal({ text: 'pix' });
    expect(responses[5]).to.deep.equal({ text: '5' });
    expect(responses[8]).to.deep.equal({ text: 'Le travail en groupes.' });
    await until(() => $(element, '[data-info="result"]') !== null, 'the result');
    // The essay waits for the trainer: no grade yet, and the trainee is told so.
    expect($(element, '[data-info="result"]')!.textContent).to.match(/aura lu vos réponses ouvertes/);
    // The review shows feedback: the right answer of the single-choice question, in words.
    expect(element.shadowRoot!.textContent).to.contain('Bonne réponse\u00a0: Paris');
    close();
  });

  it('shows a hint after a wrong try and lets the trainee try again (interactive)', async () => {
    const quiz: Quiz = {
      settings: { behaviour: 'interactive', shuffleAnswers: false },
      slots: [
        {
          question: {
            type: 'truefalse',
            text: 'Le CRCN compte cinq domaines.',
            textFormat: 'plain',
            correct: true,
            hints: [{ text: 'Relisez le cadre.' }],
          },
        },
      ],
    };
    const { element, close } = await mount('trainee', quiz);
    await startAttemptNow(element);
    [...element.shadowRoot!.querySelectorAll<HTMLInputElement>('.choice input')][1]!.click();
    await element.updateComplete;
    $<HTMLButtonElement>(element, '[data-action="check"]')!.click();
    await until(() => $(element, '.hint') !== null, 'the hint');
    expect($(element, '.hint')!.textContent).to.contain('Relisez le cadre.');
    expect($(element, '.hint')!.textContent).to.contain('Incorrect');
    $<HTMLButtonElement>(element, '[data-action="try-again"]')!.click();
    await until(() => $(element, '[data-action="check"]') !== null, 'open again');
    close();
  });

  it('speaks English when the host says so', async () => {
    const { element, close } = await mount('trainee', QUIZ, 'en');
    expect($(element, '[data-action="start"]')!.textContent).to.contain('Start an attempt');
    close();
  });
});

describe('<mag-quiz> trainer tools', () => {
  it('lets a trainer grade an open answer, shown as text', async () => {
    const { element, close } = await mount('trainer');
    await until(() => element.shadowRoot!.querySelector('mag-quiz-trainer') !== null, 'the trainer tools');
    const panel = element.shadowRoot!.querySelector('mag-quiz-trainer')!;
    await until(() => panel.shadowRoot!.querySelector('[data-action="results"]') !== null, 'the results button');
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="results"]')!.click();
    await until(() => panel.shadowRoot!.querySelector('form.essay') !== null, 'the essay');
    const form = panel.shadowRoot!.querySelector<HTMLFormElement>('form.essay')!;
    expect(form.querySelector('.response')!.textContent).to.equal('<b>Le travail</b> en groupes.');
    expect(form.querySelector('b')).to.equal(null);
    await expect(panel).to.be.accessible();
    form.querySelector<HTMLInputElement>('input[name="mark"]')!.value = '0.5';
    form.querySelector<HTMLTextAreaElement>('textarea')!.value = 'Bien vu.';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => /Corrigée/.test(panel.shadowRoot!.querySelector('form.essay')!.textContent ?? ''), 'graded');
    expect(panel.shadowRoot!.querySelector('form.essay')!.textContent).to.contain('0,5 sur 1');
    close();
  });
});

describe('<mag-quiz> accommodations', () => {
  const TIMED: Quiz = { ...QUIZ, settings: { ...QUIZ.settings, timeLimitSeconds: 1_800 } };

  it('shows no accommodations without a time limit', async () => {
    const { element, close } = await mount('trainer');
    await until(() => element.shadowRoot!.querySelector('mag-quiz-trainer') !== null, 'the trainer tools');
    const panel = element.shadowRoot!.querySelector('mag-quiz-trainer')!;
    await until(() => panel.shadowRoot!.querySelector('[data-action="results"]') !== null, 'the panel');
    expect(panel.shadowRoot!.querySelector('.accommodations')).to.equal(null);
    close();
  });

  it('lets a trainer set a trainee’s extra time in minutes with the keyboard, and shows what is refused', async () => {
    const { element, close, people, extraTimeCalls } = await mount('trainer', TIMED);
    await until(() => element.shadowRoot!.querySelector('mag-quiz-trainer') !== null, 'the trainer tools');
    const panel = element.shadowRoot!.querySelector('mag-quiz-trainer')!;
    const root = panel.shadowRoot!;
    await until(() => root.querySelectorAll('.accommodations form').length === 2, 'the trainees');
    expect(root.querySelector('#accommodations-heading')!.textContent).to.equal('Aménagements');
    expect(root.querySelector('.accommodations')!.textContent).to.contain('30\u00a0min');
    await expect(panel).to.be.accessible();
    // Each field is named for screen readers, and shows the extra time in minutes.
    const field = (user: string) => root.querySelector<HTMLInputElement>(`form[data-person="${user}"] input`)!;
    expect(field('8').value).to.equal('10');
    expect(root.querySelector(`label[for="${field('7').id}"]`)!.textContent).to.equal(
      'Temps supplémentaire pour Emma Petit (minutes)',
    );
    // Each button says whose time it saves, its visible word first.
    expect(root.querySelector('form[data-person="7"] button')!.getAttribute('aria-label')).to.equal(
      'Enregistrer le temps supplémentaire pour Emma Petit',
    );
    // Keyboard only: focus the field, type, Enter.
    field('7').focus();
    field('7').select();
    await sendKeys({ type: '15' });
    await sendKeys({ press: 'Enter' });
    await until(() => people[0]!.extraTimeSeconds === 900, 'saved');
    expect(extraTimeCalls).to.deep.equal([{ user: '7', extraTimeSeconds: 900 }]);
    await until(
      () => /Temps supplémentaire pour Emma Petit\u00a0: 15\u00a0min/.test(element.shadowRoot!.textContent ?? ''),
      'told',
    );
    // A decimal or a negative number is refused here, with a message beside the field, and nothing is sent.
    for (const bad of ['1.5', '-3', '20000', '']) {
      field('8').value = bad;
      root.querySelector<HTMLButtonElement>('form[data-person="8"] button')!.click();
      await (panel as unknown as { updateComplete: Promise<boolean> }).updateComplete;
      expect(field('8').getAttribute('aria-invalid'), bad).to.equal('true');
      expect(root.querySelector(`#${field('8').getAttribute('aria-describedby')!}`)!.textContent).to.contain(
        'nombre entier',
      );
    }
    expect(extraTimeCalls).to.have.length(1);
    // 0 removes it.
    field('8').value = '0';
    root.querySelector<HTMLButtonElement>('form[data-person="8"] button')!.click();
    await until(() => people[1]!.extraTimeSeconds === 0, 'removed');
    await until(() => field('8').getAttribute('aria-invalid') === 'false', 'the error cleared');
    // The host refuses someone it no longer knows (they left the course): said in an alert, and the list follows.
    people.pop();
    field('8').value = '5';
    root.querySelector<HTMLButtonElement>('form[data-person="8"] button')!.click();
    await until(
      () => /n’est pas stagiaire/.test(element.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? ''),
      'not found',
    );
    expect(root.querySelectorAll('.accommodations form')).to.have.length(1);
    close();
  });

  it('follows a deadline moved by extra time on a trainee’s page: the timer, and the warnings given again', async () => {
    const quiz: Quiz = { ...QUIZ, settings: { ...QUIZ.settings, timeLimitSeconds: 290 } };
    const { element, close, attempts, bump } = await mount('trainee', quiz);
    await startAttemptNow(element);
    const live = () => element.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim();
    await until(() => live() === 'Il reste 5 minutes.', 'the five-minute warning');
    expect($(element, '.timer')!.textContent).to.match(/4:[45]\d/);
    // The host moves the deadline 15 minutes later: the page shows it, and the warning no longer holds.
    attempts[0]!.deadline! += 15 * 60_000;
    bump();
    await until(() => /19:[45]\d/.test($(element, '.timer')!.textContent ?? ''), 'the longer time');
    await until(() => live() === '', 'the warning withdrawn');
    // Back to less than five minutes: warned again.
    attempts[0]!.deadline! -= 15 * 60_000;
    bump();
    await until(() => live() === 'Il reste 5 minutes.', 'warned again');
    close();
  });

  it('speaks English when the host says so', async () => {
    const { element, close } = await mount('trainer', TIMED, 'en');
    await until(() => element.shadowRoot!.querySelector('mag-quiz-trainer') !== null, 'the trainer tools');
    const root = element.shadowRoot!.querySelector('mag-quiz-trainer')!.shadowRoot!;
    await until(() => root.querySelectorAll('.accommodations form').length === 2, 'the trainees');
    expect(root.querySelector('#accommodations-heading')!.textContent).to.equal('Accommodations');
    expect(root.querySelector('.accommodations label')!.textContent).to.equal('Extra time for Emma Petit (minutes)');
    close();
  });
});

describe('<mag-quiz> live', () => {
  it('lets a trainer open and run a session, and a trainee join, answer and see the results', async () => {
    const memory = memoryHost('trainer');
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const stop = memory.host.listen(wrapper);
    const element = document.createElement('mag-quiz') as MagQuiz;
    element.instance = 'q1';
    wrapper.append(element);
    await until(() => element.shadowRoot!.querySelector('mag-quiz-trainer') !== null, 'the trainer tools');
    const panel = element.shadowRoot!.querySelector('mag-quiz-trainer')!;
    await until(() => panel.shadowRoot!.querySelector('[data-live="open"]') !== null, 'the open button');
    await expect(element).to.be.accessible();
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[data-live="open"]')!.click();
    await until(() => panel.shadowRoot!.querySelector('[data-live="start"]') !== null, 'the lobby');
    // The lobby shows a QR code with a name, and the address.
    expect(panel.shadowRoot!.querySelector('svg.qr')!.getAttribute('aria-label')).to.match(/QR code/);
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[data-live="start"]')!.click();
    await until(() => $(element, '.live-question') !== null, 'the first question');
    await until(() => panel.shadowRoot!.querySelector('[data-live="reveal"]') !== null, 'the reveal button');
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[data-live="reveal"]')!.click();
    await until(() => $(element, '[data-info="results"]') !== null, 'the results');
    stop();
    memory.host.close();
    element.remove();
  });

  it('lets a trainee join, answer once, and see their outcome and the counts after the reveal', async () => {
    const { element, drive, answers, close } = await mount('trainee');
    drive('open');
    await until(() => $(element, '[data-action="join"]') !== null, 'the join button');
    $<HTMLButtonElement>(element, '[data-action="join"]')!.click();
    await until(() => $(element, '[data-info="lobby"]')?.textContent?.includes('rejoint') === true, 'joined');
    drive('start');
    await until(() => $(element, '.live-question') !== null, 'the first question');
    await expect(element).to.be.accessible();
    // Nothing is sent before a choice; then once.
    expect($<HTMLButtonElement>(element, '[data-action="send"]')!.disabled).to.equal(true);
    const paris = [...element.shadowRoot!.querySelectorAll<HTMLLabelElement>('.live-question .choice')].find((label) =>
      label.textContent?.includes('Paris'),
    )!;
    paris.querySelector('input')!.click();
    await element.updateComplete;
    $<HTMLButtonElement>(element, '[data-action="send"]')!.click();
    await until(() => answers.size === 1, 'the answer');
    await until(() => $(element, '[data-action="send"]') === null, 'sent once');
    expect(answers.get(0)).to.deep.equal({ choice: 1 });
    drive('reveal');
    await until(() => $(element, '[data-info="outcome"]') !== null, 'the outcome');
    expect($(element, '[data-info="outcome"]')!.textContent).to.contain('Correct');
    const bars = [...element.shadowRoot!.querySelectorAll('[data-info="results"] li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(bars.some((bar) => bar.startsWith('✓ Paris') && bar.includes('1 fois'))).to.equal(true);
    close();
  });
});

runBridgeContractTests({
  tag: 'mag-quiz',
  activity: 'quiz',
  module: '/quiz/src/element/quiz.ts',
  services(host) {
    host.handle(getState, () => ({
      version: 1,
      title: 'Q',
      intro: { questions: 0, behaviour: 'deferred' as const, maxGrade: 10, gradingMethod: 'highest' as const },
      selfPaced: { attempt: null, attempts: [], canStart: true, grade: null, passed: null },
      live: null,
    }));
  },
  probe: { def: getState, payload: {} },
  event: { def: updated, data: { version: 2 } },
});
