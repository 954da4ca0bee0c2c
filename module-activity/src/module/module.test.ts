/**
 * `<mag-module>` in Chromium, with a host in memory standing in for the server: the trainee's list, the player (a
 * sanitised page, a captioned video, real H5P content in a sandboxed frame, a hostile frame, two players at once), and
 * the trainer's tools (catalog browser, preview, one-click add, version update, report and CSV).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BridgeHost } from '../../../activities/src/host/host.js';
import { runBridgeContractTests } from '../../../activities/src/testing/bridge-contract.js';
import { until } from '../../../activities/src/testing/helpers.js';
import type { MagModule } from './module.component.js';
import type { MagModulePlayer } from './module-player.js';
import type { MagModuleTrainer } from './module-trainer.js';
import type { PlayableItem } from './player-items.js';
import {
  activityCall,
  activityEvent,
  item as itemRequest,
  loadH5PState,
  play,
  progress as progressRequest,
  saveH5PState,
  xapi,
  type Outline,
  type Written,
} from './player-protocol.js';
import { getState, updated, type ModuleState } from './protocol.js';
import {
  add,
  preview,
  report,
  search,
  update,
  type CatalogCard,
  type Report,
  type SearchResult,
} from './trainer-protocol.js';
import './module.js';

const FRAMES = `http://localhost:${location.port}`;
const CATALOG = `${FRAMES}/module-activity/dist/catalog-sample/`;
const PLAYER = `${FRAMES}/module-activity/test/h5p-player.html`;
const HOSTILE = `${FRAMES}/module-activity/test/h5p-hostile.html`;
const PACKAGE = `${CATALOG}modules/differencier-numerique/1.0.0/`;
const VIDEO = `${CATALOG}modules/climat-scolaire-phare/1.0.0/media/`;

const ITEMS: PlayableItem[] = [
  {
    kind: 'page',
    id: 'intro',
    title: 'Pourquoi différencier ?',
    duration: 8,
    html:
      '<h1>Différencier</h1><p>Un texte <a href="javascript:alert(1)">piégé</a>, ' +
      '<a href="https://eduscol.education.fr/">Éduscol</a>.</p><script>window.__pwned = 1</script>' +
      `<img src="${PACKAGE}images/leviers.svg" alt="Quatre leviers" onerror="window.__pwned = 1">`,
  },
  {
    kind: 'video',
    id: 'video',
    title: 'Repères',
    duration: 3,
    src: `${VIDEO}phare-reperes.webm`,
    captions: [{ src: `${VIDEO}phare-reperes.fr.vtt`, lang: 'fr', label: 'Français' }],
    transcript: 'Premier paragraphe.\n\nSecond paragraphe.',
  },
  {
    kind: 'h5p',
    id: 'choix-outil',
    title: 'Quel outil pour quel besoin ?',
    duration: 5,
    h5pJsonPath: `${PACKAGE}h5p/choix-outil`,
    librariesPath: `${CATALOG}h5p-libraries`,
  },
  { kind: 'quiz', id: 'quiz-bilan', title: 'Faire le point', duration: 10, questions: 4 },
  { kind: 'wordcloud', id: 'nuage', title: 'Vos freins', duration: 5, question: 'Votre principal frein ?' },
];

const EMPTY = { completed: false, seconds: 0, best: null, attempts: 0 };

const CARDS: CatalogCard[] = [
  {
    base: CATALOG,
    id: 'ecole-inclusive',
    title: 'École inclusive : adapter sans stigmatiser',
    summary: 'Repérer les besoins éducatifs particuliers.',
    nature: 'self-paced',
    domain: 'inclusive-school',
    publics: ['primary', 'secondary'],
    durations: { distance: 45, inPerson: 0 },
    latest: '1.0.0',
    date: '2026-06-22',
    thumbnail: `${CATALOG}modules/ecole-inclusive/1.0.0/vignette.svg`,
    inProgramme: false,
  },
  {
    base: CATALOG,
    id: 'evaluer-competences',
    title: 'Évaluer par compétences au collège',
    summary: 'Comprendre les niveaux de maîtrise.',
    nature: 'tutored',
    domain: 'assessment',
    publics: ['secondary'],
    durations: { distance: 75, inPerson: 180 },
    latest: '1.0.0',
    date: '2026-05-18',
    thumbnail: `${CATALOG}modules/evaluer-competences/1.0.0/thumbnail.svg`,
    inProgramme: false,
  },
];

interface Options {
  role: 'trainer' | 'trainee';
  locale?: 'fr' | 'en';
  player?: string;
  savedState?: string | null;
  /** The host relays quiz and word-cloud items (Outline.activities); Moodle's does not yet. */
  activities?: boolean;
}

/** A host with the module steps, the catalog and the records in memory. */
function memoryHost({ role, locale = 'fr', player = PLAYER, savedState = null, activities = true }: Options) {
  let state: ModuleState = {
    version: 1,
    programme: { id: 'p1', title: 'Enseigner avec le numérique' },
    steps: [
      {
        stepId: 'm1',
        title: 'Différencier avec le numérique',
        catalog: { base: CATALOG, entryId: 'differencier-numerique', version: '1.0.0' },
        opens: '2026-01-05',
        durationMinutes: 60,
        reach: 'open',
        ...(role === 'trainee'
          ? { progress: { percent: 0, completed: false, seconds: 0 } }
          : {
              update: {
                version: '1.1.0',
                notes: [{ version: '1.1.0', date: '2026-09-14', releaseNotes: 'Nouvelle page : un plan de travail.' }],
                more: 0,
                major: false,
              },
            }),
      },
      {
        stepId: 'm2',
        title: 'EMI : vérifier une information',
        catalog: { base: CATALOG, entryId: 'emi-verifier-information', version: '1.0.0' },
        opens: '2099-01-01',
        durationMinutes: 40,
        reach: 'upcoming',
        ...(role === 'trainee' ? { progress: { percent: 0, completed: false, seconds: 0 } } : {}),
      },
    ],
  };
  const outline: Outline = {
    stepId: 'm1',
    title: 'Différencier avec le numérique',
    version: '1.0.0',
    preview: role === 'trainer',
    reach: 'open',
    items: ITEMS.map((item) => ({
      id: item.id,
      kind: item.kind,
      title: item.title,
      duration: item.duration,
      parts: 2,
      state: EMPTY,
    })),
    progress: { percent: 0, completed: false, seconds: 0 },
    h5pPlayer: player,
    ...(activities ? { activities } : {}),
  };
  const calls: { subject: string; payload: Record<string, unknown> }[] = [];
  const host = new BridgeHost({ context: { locale, role, user: { id: 'u', name: 'Lucas Bernard' } } });
  const record = (subject: string, payload: unknown) =>
    calls.push({ subject, payload: payload as Record<string, unknown> });
  const completed = new Set<string>();
  const written = (itemId: string): Written => {
    const percent = Math.round((1000 * completed.size) / 3) / 10;
    return {
      recorded: role === 'trainee',
      item: { ...EMPTY, completed: completed.has(itemId) },
      progress: { percent, completed: completed.size === 3, seconds: 0 },
    };
  };
  host.handle(getState, () => state);
  host.handle(play, (payload) => (record('play', payload), { ok: true as const, outline }));
  host.handle(itemRequest, ({ itemId, part }) => {
    const text = JSON.stringify(ITEMS.find((item) => item.id === itemId));
    const half = Math.ceil(text.length / 2);
    return { part, parts: 2, text: part === 0 ? text.slice(0, half) : text.slice(half) };
  });
  host.handle(progressRequest, (payload) => {
    record('progress', payload);
    if (payload.completed) completed.add(payload.itemId);
    return written(payload.itemId);
  });
  host.handle(xapi, (payload) => {
    record('xapi', payload);
    completed.add(payload.itemId);
    return written(payload.itemId);
  });
  // The word-cloud item's own service, as the host's server relays it: one shared cloud per step and item.
  const words: string[] = [];
  let cloudVersion = 1;
  const cloudState = () => ({
    version: cloudVersion,
    open: true,
    question: 'Votre principal frein ?',
    limits: { minPerPerson: 1, maxPerPerson: 2, maxLength: 30 },
    visibility: 'always' as const,
    display: { rotate: false },
    mine: words.map((text, i) => ({ id: i + 1, text, status: 'visible' as const })),
    cloud: { words: words.map((text) => ({ text, weight: 1, rank: 1 })), hiddenCount: 0 },
  });
  host.handle(activityCall, (payload, call) => {
    record('activity_call', payload);
    if (payload.subject === 'wordcloud.state') return { result: cloudState() };
    if (payload.subject === 'wordcloud.submit') {
      words.push((payload.payload as { text: string }).text);
      cloudVersion++;
      completed.add(payload.itemId);
      // As the server sends it: every item's version (another item's unchanged version makes nothing happen).
      host.emit(call.instance, activityEvent.subject, {
        items: [
          { stepId: 'm1', itemId: 'quiz-bilan', subject: 'quiz.updated', version: 0 },
          { stepId: 'm1', itemId: payload.itemId, subject: 'wordcloud.updated', version: cloudVersion },
        ],
      });
      return {
        result: { accepted: true, entry: { id: words.length, text: words.at(-1)!, status: 'visible' } },
        written: written(payload.itemId),
      };
    }
    throw new Error(`unexpected ${payload.subject}`);
  });
  host.handle(saveH5PState, (payload) => (record('h5p_save', payload), { saved: true }));
  host.handle(loadH5PState, (payload) => (record('h5p_load', payload), { state: savedState }));
  host.handle(search, (payload) => {
    record('search', payload);
    const text = (payload.text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const hits = CARDS.filter((card) =>
      card.title.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().includes(text),
    ).filter(
      (card) => !payload.filters?.public?.length || payload.filters.public.some((p) => card.publics.includes(p)),
    );
    const result: SearchResult = {
      total: hits.length,
      page: 1,
      pages: 1,
      hits,
      facets: {
        public: [
          { value: 'primary', count: hits.filter((card) => card.publics.includes('primary')).length },
          { value: 'secondary', count: hits.filter((card) => card.publics.includes('secondary')).length },
        ],
      },
      catalogs: [
        { base: CATALOG, title: 'Catalogue exemple' },
        {
          base: 'https://casse.example.org/',
          problem: { code: 'invalid_json', url: 'https://casse.example.org/index.json' },
        },
      ],
    };
    return result;
  });
  host.handle(preview, ({ entryId }) => ({
    ok: true as const,
    preview: {
      card: CARDS.find((card) => card.id === entryId)!,
      objectives: ['Distinguer PAP, PPS et PAI'],
      rhythm: 'À son rythme',
      authors: [{ name: 'Nadia Benali', role: 'Conseillère pédagogique' }],
      license: 'CC BY-NC-SA 4.0',
      items: [{ id: 'besoins', kind: 'page', title: 'Les besoins', duration: 8 }],
      versions: [{ version: '1.0.0', date: '2026-06-22', releaseNotes: 'Première version.' }],
    },
  }));
  host.handle(add, (payload, call) => {
    record('add', payload);
    state = {
      ...state,
      version: state.version + 1,
      steps: [
        ...state.steps,
        {
          stepId: 'm3',
          title: 'École inclusive : adapter sans stigmatiser',
          catalog: { base: payload.base, entryId: payload.entryId, version: payload.version },
          opens: '2026-10-01',
          durationMinutes: 45,
          reach: 'open',
        },
      ],
    };
    host.emit(call.instance, updated.subject, { version: state.version });
    return { ok: true as const, stepId: 'm3', state };
  });
  host.handle(update, (payload) => {
    record('update', payload);
    state = {
      ...state,
      version: state.version + 1,
      steps: state.steps.map((step) => {
        if (step.stepId !== payload.stepId) return step;
        const { update: _update, ...rest } = step;
        return { ...rest, catalog: { ...step.catalog, version: payload.version } };
      }),
    };
    return { ok: true as const, state };
  });
  const rows: Report['rows'] = Array.from({ length: 30 }, (_, i) => ({
    userId: String(i + 1),
    name: i === 0 ? '=HYPERLINK("https://evil.example")' : `Stagiaire ${String(i + 1).padStart(2, '0')}`,
    steps: {
      m1: { percent: i === 1 ? 66.7 : 0, completed: false, seconds: i === 1 ? 300 : 0, score: i === 1 ? 100 : null },
    },
    programme: {
      percent: i === 1 ? 33.4 : 0,
      completed: false,
      seconds: i === 1 ? 300 : 0,
      score: i === 1 ? 100 : null,
    },
  }));
  host.handle(report, ({ page = 1 }) => ({
    page,
    pages: 2,
    total: rows.length,
    steps: [{ stepId: 'm1', title: 'Différencier avec le numérique', version: '1.0.0', scored: true }],
    rows: rows.slice((page - 1) * 25, page * 25),
  }));
  return { host, calls, state: () => state };
}

async function mount(options: Options) {
  const memory = memoryHost(options);
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 900px"></div>`);
  const stop = memory.host.listen(wrapper);
  const element = document.createElement('mag-module') as MagModule;
  element.instance = 'modules-1';
  wrapper.append(element);
  await until(
    () => !!element.shadowRoot?.querySelector(options.role === 'trainer' ? 'mag-module-trainer' : 'li[data-step]'),
    'the steps',
  );
  return { ...memory, element, close: () => (stop(), memory.host.close(), element.remove()) };
}

const $ = <T extends Element = HTMLElement>(root: Element, selector: string): T | null =>
  root.shadowRoot!.querySelector<T>(selector);
const playerOf = (element: MagModule) => $<MagModulePlayer>(element, 'mag-module-player');
const trainerOf = (element: MagModule) => $<MagModuleTrainer>(element, 'mag-module-trainer')!;

async function openPlayer(element: MagModule): Promise<MagModulePlayer> {
  $<HTMLButtonElement>(element, 'li[data-step="m1"] [data-action="play"]')!.click();
  await until(() => !!playerOf(element)?.shadowRoot?.querySelector('.content h4'), 'the player', 8_000);
  return playerOf(element)!;
}

async function goTo(player: MagModulePlayer, itemId: string): Promise<void> {
  $<HTMLButtonElement>(player, `nav [data-item="${itemId}"]`)!.click();
  await until(() => $(player, '.content h4')?.getAttribute('data-item-title') === itemId, `item ${itemId}`);
}

describe('<mag-module>', function () {
  this.timeout(40_000);

  it('is accessible (axe): the trainee’s list, the player, the trainer’s tools', async () => {
    const trainee = await mount({ role: 'trainee' });
    await expect(trainee.element).to.be.accessible();
    const player = await openPlayer(trainee.element);
    await until(() => !!$(player, '.page'), 'the page');
    await expect(trainee.element).to.be.accessible();
    trainee.close();
    const trainer = await mount({ role: 'trainer' });
    await expect(trainer.element).to.be.accessible();
    $<HTMLButtonElement>(trainerOf(trainer.element), '#tab-catalog')!.click();
    await until(() => !!$(trainerOf(trainer.element), 'li[data-entry]'), 'the results');
    await expect(trainer.element).to.be.accessible();
    $<HTMLButtonElement>(trainerOf(trainer.element), '#tab-report')!.click();
    await until(() => !!$(trainerOf(trainer.element), 'table'), 'the report');
    await expect(trainer.element).to.be.accessible();
    trainer.close();
  });

  it('lists a trainee’s module steps: reach, progress, and a play button only where open', async () => {
    const { element, close } = await mount({ role: 'trainee' });
    const open = $(element, 'li[data-step="m1"]')!;
    expect(open.querySelector('h3')!.textContent).to.equal('Différencier avec le numérique');
    expect(open.textContent).to.contain('Ouvert à partir du lundi 5 janvier 2026');
    expect(open.querySelector('progress')!.value).to.equal(0);
    expect(open.querySelector('[data-action="play"]')!.getAttribute('aria-label')).to.equal(
      'Commencer le module « Différencier avec le numérique »',
    );
    expect($(element, 'li[data-step="m2"]')!.textContent).to.contain('Pas encore ouvert');
    expect($(element, 'li[data-step="m2"] [data-action="play"]')).to.equal(null);
    close();
  });

  it('plays a page sanitised, records it done on "Suivant", and shows the server’s progress', async () => {
    const { element, calls, close } = await mount({ role: 'trainee' });
    const player = await openPlayer(element);
    await until(() => !!$(player, '.page'), 'the page');
    const page = $(player, '.page')!;
    expect(page.querySelector('script')).to.equal(null);
    expect(page.querySelector('h1')).to.equal(null);
    expect(page.querySelector('h3')!.textContent).to.equal('Différencier');
    expect([...page.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      null,
      'https://eduscol.education.fr/',
    ]);
    expect(page.querySelector('a[href]')!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(page.querySelector('img')!.getAttribute('onerror')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    // The item came in two parts.
    expect(calls.filter((call) => call.subject === 'play')).to.have.length(1);

    $<HTMLButtonElement>(player, '[data-action="next"]')!.click();
    await until(() => $(player, '.content h4')?.getAttribute('data-item-title') === 'video', 'the next item');
    expect(calls.find((call) => call.subject === 'progress')!.payload).to.deep.include({
      stepId: 'm1',
      itemId: 'intro',
      completed: true,
    });
    expect($(player, 'nav [data-item="intro"]')!.textContent).to.contain('✓');
    expect($<HTMLProgressElement>(player, 'progress')!.value).to.equal(33.3);
    // The focus follows: on the new item's title.
    expect(player.shadowRoot!.activeElement?.getAttribute('data-item-title')).to.equal('video');
    close();
  });

  it('plays a video with its captions track and a transcript', async () => {
    const { element, close } = await mount({ role: 'trainee' });
    const player = await openPlayer(element);
    await goTo(player, 'video');
    await until(() => !!$(player, 'video'), 'the video');
    const video = $<HTMLVideoElement>(player, 'video')!;
    expect(video.getAttribute('src')).to.equal(`${VIDEO}phare-reperes.webm`);
    expect(video.hasAttribute('controls')).to.equal(true);
    const track = video.querySelector('track')!;
    expect(track.kind).to.equal('captions');
    expect(track.srclang).to.equal('fr');
    expect(track.default).to.equal(true);
    const transcript = $(player, 'details')!;
    expect(transcript.querySelector('summary')!.textContent).to.contain('Transcription');
    expect([...transcript.querySelectorAll('p')].map((p) => p.textContent)).to.deep.equal([
      'Premier paragraphe.',
      'Second paragraphe.',
    ]);
    close();
  });

  it('plays a word-cloud item in <mag-wordcloud>, connected to the player’s own host and relayed to the server', async () => {
    const { element, calls, close } = await mount({ role: 'trainee' });
    const player = await openPlayer(element);
    await goTo(player, 'nuage');
    await until(() => !!$(player, 'mag-wordcloud')?.shadowRoot?.querySelector('input#answer'), 'the word cloud');
    const cloud = $(player, 'mag-wordcloud')!;
    // The element's requests reached the page's host only as the module's own relay, tagged with the step and item.
    expect(calls.find((call) => call.subject === 'activity_call')!.payload).to.deep.equal({
      stepId: 'm1',
      itemId: 'nuage',
      subject: 'wordcloud.state',
      payload: {},
    });
    expect(cloud.shadowRoot!.textContent).to.contain('Votre principal frein ?');
    const input = cloud.shadowRoot!.querySelector<HTMLInputElement>('input#answer')!;
    input.focus();
    await sendKeys({ type: 'Le temps' });
    await sendKeys({ press: 'Enter' });
    await until(() => calls.some((call) => call.payload['subject'] === 'wordcloud.submit'), 'the submission');
    // The server's word: the item is done and the step's progress moves; the relayed event makes the cloud fetch again.
    await until(() => $(player, 'nav [data-item="nuage"]')!.textContent!.includes('✓'), 'the item done');
    expect($<HTMLProgressElement>(player, 'progress')!.value).to.equal(33.3);
    await until(
      () => calls.filter((call) => call.payload['subject'] === 'wordcloud.state').length >= 2,
      'the cloud fetched again after the event',
    );
    await until(() => cloud.shadowRoot!.textContent!.includes('Le temps'), 'the word in the cloud');
    await expect(element).to.be.accessible();

    // An element that claims to be another kind of activity than its item is refused by the player's host, and
    // nothing reaches the page's host.
    await import('../../../quiz/src/element/quiz.js');
    const impostor = document.createElement('mag-quiz');
    impostor.instance = 'item-nuage';
    player.shadowRoot!.append(impostor);
    await until(() => impostor.connectionStatus === 'connected', 'the impostor connected');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.some((call) => String(call.payload['subject']).startsWith('quiz.'))).to.equal(false);
    impostor.remove();
    close();
  });

  it('shows what quiz and word-cloud items are where the host does not play them, and starts on a playable item', async () => {
    const { element, calls, close } = await mount({ role: 'trainee', activities: false });
    const player = await openPlayer(element);
    await goTo(player, 'nuage');
    await until(() => !!$(player, '.content p.message'), 'the message');
    expect($(player, 'mag-wordcloud')).to.equal(null);
    expect($(player, '.content p.message')!.textContent).to.contain('Votre principal frein ?');
    expect($(player, '.content p.message')!.textContent).to.contain('ne compte pas dans la progression');
    await goTo(player, 'quiz-bilan');
    await until(
      () => $(player, '.content p.message')?.textContent?.includes('4 questions') === true,
      'the quiz message',
    );
    expect($(player, 'mag-quiz')).to.equal(null);
    expect(calls.some((call) => call.subject === 'activity_call')).to.equal(false);
    await expect(element).to.be.accessible();
    close();
  });

  it('plays real H5P content in a sandboxed frame by keyboard, relays its statements and saves its state', async () => {
    const { element, calls, close } = await mount({ role: 'trainee' });
    const player = await openPlayer(element);
    await goTo(player, 'choix-outil');
    await until(() => !!$(player, 'iframe.h5p'), 'the frame');
    const frame = $<HTMLIFrameElement>(player, 'iframe.h5p')!;
    expect(frame.getAttribute('sandbox')).to.equal('allow-scripts');
    expect(frame.getAttribute('src')).to.equal(PLAYER);
    expect(frame.title).to.equal('Activité interactive\u00a0: Quel outil pour quel besoin ?');
    expect(calls.find((call) => call.subject === 'h5p_load')!.payload).to.deep.equal({
      stepId: 'm1',
      itemId: 'choix-outil',
    });
    // The player says when the content is there, and the frame takes the content's height.
    await until(() => !$(player, '.content [role="status"]'), 'the content loaded', 15_000);
    await until(() => frame.getBoundingClientRect().height > 200, 'the frame to take its content’s height');
    // Inside the frame, by keyboard only: the first choice, then "Vérifier".
    frame.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => calls.filter((call) => call.subject === 'xapi').length >= 2, 'the statements', 10_000);
    const statements = calls.filter((call) => call.subject === 'xapi').map((call) => call.payload);
    expect(statements.map((statement) => statement['verb'])).to.deep.equal(['answered', 'completed']);
    expect(statements[0]).to.deep.include({ stepId: 'm1', itemId: 'choix-outil', root: true });
    expect((statements[0]!['result'] as { score: unknown }).score).to.deep.equal({ min: 0, max: 1, raw: 1, scaled: 1 });
    expect(statements[0]!['session']).to.equal(statements[1]!['session']);
    expect(statements[0]!['key']).to.not.equal(statements[1]!['key']);
    await until(() => $(player, 'nav [data-item="choix-outil"]')!.textContent!.includes('✓'), 'the item done');
    expect($(player, '[aria-live="polite"]')!.textContent).to.contain('Réponse enregistrée');
    // The state follows a few seconds later.
    await until(() => calls.some((call) => call.subject === 'h5p_save'), 'the saved state', 10_000);
    const saved = calls.find((call) => call.subject === 'h5p_save')!.payload;
    expect(JSON.parse(saved['state'] as string)).to.deep.equal({ selected: 0, checked: true });
    close();
  });

  it('runs two H5P players on one page without racing', async () => {
    const first = await mount({ role: 'trainee' });
    const second = await mount({ role: 'trainee' });
    const players = await Promise.all([openPlayer(first.element), openPlayer(second.element)]);
    await Promise.all(players.map((player) => goTo(player, 'choix-outil')));
    for (const player of players) {
      await until(() => !!$(player, 'iframe.h5p') && !$(player, '.content [role="status"]'), 'both loaded', 15_000);
      // Chromium does not lay out a cross-origin frame out of view: each is sized once scrolled to.
      $(player, 'iframe.h5p')!.scrollIntoView();
      await until(() => $(player, 'iframe.h5p')!.getBoundingClientRect().height > 200, 'both sized', 10_000);
      expect($(player, '.content [role="alert"]')).to.equal(null);
    }
    first.close();
    second.close();
  });

  it('relays only what a hostile frame sends on its port and what passes the checks, tagged with its own item', async () => {
    const saved = JSON.stringify({ selected: 1 });
    const { element, calls, close } = await mount({ role: 'trainee', player: HOSTILE, savedState: saved });
    // Another window saying hello as an H5P frame is not listened to.
    window.postMessage({ type: 'mag-h5p-ready' }, '*');
    const player = await openPlayer(element);
    await goTo(player, 'choix-outil');
    await until(
      () => !!$(player, '.content [role="alert"]')?.textContent?.includes('init:'),
      'the frame’s message',
      10_000,
    );
    const shown = $(player, '.content [role="alert"]')!.textContent!;
    // The frame was given this item's content and this trainee's state, nothing else.
    const init = JSON.parse(shown.slice(shown.indexOf('init:') + 5).trim()) as Record<string, unknown>;
    expect(init).to.deep.equal({
      type: 'init',
      contentId: 'm1-choix-outil',
      h5pJsonPath: `${PACKAGE}h5p/choix-outil`,
      librariesPath: `${CATALOG}h5p-libraries`,
      state: saved,
      locale: 'fr',
    });
    await until(() => calls.some((call) => call.subject === 'xapi'), 'the one valid statement');
    const relayed = calls.filter((call) => call.subject === 'xapi');
    expect(relayed).to.have.length(1);
    expect(relayed[0]!.payload).to.deep.include({ stepId: 'm1', itemId: 'choix-outil', verb: 'completed' });
    expect((relayed[0]!.payload['result'] as { score: unknown }).score).to.deep.equal({ raw: 1, max: 1 });
    close();
  });

  it('lets a trainer preview a module without recording anything', async () => {
    const { element, calls, close } = await mount({ role: 'trainer' });
    $<HTMLButtonElement>(trainerOf(element), 'li[data-step="m1"] [data-action="preview-step"]')!.click();
    await until(() => !!playerOf(element)?.shadowRoot?.querySelector('.page'), 'the preview', 8_000);
    const player = playerOf(element)!;
    expect($(player, '[data-notice="preview"]')!.textContent).to.contain(
      'rien de ce que vous faites ici n’est enregistré',
    );
    $<HTMLButtonElement>(player, '[data-action="next"]')!.click();
    await until(() => $(player, '.content h4')?.getAttribute('data-item-title') === 'video', 'the next item');
    expect(calls.filter((call) => call.subject === 'progress')).to.deep.equal([]);
    $<HTMLButtonElement>(player, '.content [data-action="back"]')!.click();
    await until(() => !!$(element, 'mag-module-trainer'), 'back to the tools');
    close();
  });

  it('offers a newer version with its notes and updates in one click', async () => {
    const { element, calls, close } = await mount({ role: 'trainer' });
    const tools = trainerOf(element);
    const offer = $(tools, 'li[data-step="m1"] .offer')!;
    expect(offer.querySelector('h4')!.textContent).to.contain('Version 1.1.0 disponible');
    expect(offer.textContent).to.contain('Nouvelle page : un plan de travail.');
    const button = offer.querySelector<HTMLButtonElement>('[data-action="update"]')!;
    expect(button.getAttribute('aria-label')).to.equal(
      'Mettre à jour vers la version 1.1.0\u00a0: « Différencier avec le numérique »',
    );
    button.click();
    await until(() => !$(trainerOf(element), 'li[data-step="m1"] .offer'), 'the offer gone');
    expect(calls.find((call) => call.subject === 'update')!.payload).to.deep.equal({ stepId: 'm1', version: '1.1.0' });
    expect($(trainerOf(element), 'li[data-step="m1"]')!.textContent).to.contain('Version utilisée\u00a0: 1.1.0');
    expect($(element, '[role="status"]')!.textContent).to.contain('La progression des stagiaires est conservée');
    close();
  });

  it('browses the catalog: typed search, facets with counts, a broken catalog said, preview, one-click add', async () => {
    const { element, calls, state, close } = await mount({ role: 'trainer' });
    const tools = trainerOf(element);
    // The tabs, by keyboard.
    $<HTMLButtonElement>(tools, '#tab-steps')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => tools.shadowRoot!.activeElement?.id === 'tab-catalog', 'the catalog tab');
    await until(() => !!$(tools, 'li[data-entry]'), 'the results');
    expect($(tools, '[data-info="total"]')!.textContent).to.equal('2 modules');
    expect($(tools, '[data-catalog-problem="invalid_json"]')!.textContent).to.contain(
      'le catalogue n’est pas un fichier JSON valide',
    );
    expect(
      [...tools.shadowRoot!.querySelectorAll('[data-facet="public"] label')].map((l) => l.textContent!.trim()),
    ).to.deep.equal(['Premier degré (1)', 'Second degré (2)']);

    const input = $<HTMLInputElement>(tools, '#catalog-search')!;
    input.focus();
    await sendKeys({ type: 'ecole' });
    await until(() => tools.shadowRoot!.querySelectorAll('li[data-entry]').length === 1, 'filtered');
    // Typing sends one search after a pause, not one per key.
    expect(calls.filter((call) => call.subject === 'search').length).to.be.below(4);
    expect($(tools, '[aria-live="polite"]')!.textContent).to.equal('1 module');

    $<HTMLButtonElement>(tools, 'li[data-entry="ecole-inclusive"] [data-action="preview"]')!.click();
    await until(() => $<HTMLDialogElement>(tools, 'dialog.preview')?.open === true, 'the preview');
    const dialog = $<HTMLDialogElement>(tools, 'dialog.preview')!;
    expect(dialog.textContent).to.contain('Distinguer PAP, PPS et PAI');
    expect(dialog.textContent).to.contain('Page\u00a0: Les besoins (8 min)');
    dialog.querySelector<HTMLButtonElement>('[data-action="add"]')!.click();
    await until(() => state().steps.length === 3, 'added');
    expect(calls.find((call) => call.subject === 'add')!.payload).to.deep.equal({
      base: CATALOG,
      entryId: 'ecole-inclusive',
      version: '1.0.0',
    });
    await until(() => !dialog.open, 'the dialog closed');
    expect($(tools, 'li[data-entry="ecole-inclusive"] .badge')!.textContent).to.contain('Déjà dans la formation');
    expect($(tools, '#tab-steps')!.textContent).to.contain('(3)');
    close();
  });

  it('shows the report a page at a time and exports every trainee as CSV, formulas neutralised', async () => {
    const { element, close } = await mount({ role: 'trainer', locale: 'en' });
    const tools = trainerOf(element);
    $<HTMLButtonElement>(tools, '#tab-report')!.click();
    await until(() => !!$(tools, 'table'), 'the report');
    expect(tools.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(25);
    expect($(tools, 'tr[data-trainee="2"] td[data-step="m1"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      '67% · 5 min · score 100%',
    );
    let exported: Blob | null = null;
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      exported = blob as Blob;
      return original.call(URL, blob);
    };
    try {
      $<HTMLButtonElement>(tools, '[data-action="csv"]')!.click();
      await until(() => exported !== null, 'the CSV');
    } finally {
      URL.createObjectURL = original;
    }
    const lines = (await exported!.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).to.have.length(31);
    expect(lines[0]).to.equal(
      'Trainee;Différencier avec le numérique — progress (%);Différencier avec le numérique — time (min);Différencier avec le numérique — score (%);Training — progress (%);Training — time (min);Training — score (%)',
    );
    expect(lines[1]).to.equal(`"'=HYPERLINK(""https://evil.example"")";0;0;;0;0;`);
    expect(lines[2]).to.equal('Stagiaire 02;66.7;5;100;33.4;5;100');
    close();
  });
});

runBridgeContractTests({
  tag: 'mag-module',
  activity: 'module',
  module: '/module-activity/src/module/module.ts',
  services(host) {
    host.handle(getState, () => ({ version: 1, programme: null, steps: [] }));
  },
  probe: { def: getState, payload: {} },
  event: { def: updated, data: { version: 2 } },
});
