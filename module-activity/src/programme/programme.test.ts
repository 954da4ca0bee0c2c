import { expect, fixture, html } from '@open-wc/testing';
import { BridgeHost } from '../../../activities/src/host/host.js';
import { runBridgeContractTests } from '../../../activities/src/testing/bridge-contract.js';
import { until } from '../../../activities/src/testing/helpers.js';
import { addDays, wallClock, type Step } from './model.js';
import { playerHref, type MagProgramme } from './programme.component.js';
import { catalogChoices, getState, save, updated, type ProgrammeState } from './protocol.js';
import './programme.js';

const today = wallClock(new Date()).slice(0, 10);

function seedSteps(): Step[] {
  return [
    {
      kind: 'inperson',
      id: 's1',
      title: 'Séance 1',
      date: addDays(today, -7),
      start: '09:00',
      durationMinutes: 180,
      place: 'Salle 204',
    },
    {
      kind: 'module',
      id: 'm1',
      title: 'Différencier avec le numérique',
      catalog: { entryId: 'differencier', version: '1.0.0' },
      opens: addDays(today, -6),
      closes: addDays(today, 7),
      durationMinutes: 60,
    },
    {
      kind: 'synchronous',
      id: 'c1',
      title: 'Classe virtuelle',
      date: addDays(today, 8),
      start: '17:30',
      durationMinutes: 45,
      link: 'https://visio.example.org/abc',
    },
  ];
}

/** A host with the programme in memory, standing in for the server in these element tests. */
function memoryHost(role: 'trainer' | 'trainee', locale: 'fr' | 'en' = 'fr') {
  let current: ProgrammeState = {
    version: 1,
    title: 'Enseigner avec le numérique',
    steps: seedSteps(),
    progress: role === 'trainee' ? { m1: { percent: 40, completed: false } } : {},
    player: '/course/activity/modules-1',
  };
  const saves: { baseVersion: number; steps: Step[] }[] = [];
  const host = new BridgeHost({ context: { locale, role, user: { id: 'u', name: 'Claire Martin' } } });
  host.handle(getState, () => current);
  host.handle(save, (payload, call) => {
    saves.push(payload);
    if (payload.baseVersion !== current.version) return { saved: false, state: current };
    current = { ...current, version: current.version + 1, steps: payload.steps };
    host.emit(call.instance, updated.subject, { version: current.version });
    return { saved: true, state: current };
  });
  host.handle(catalogChoices, () => ({
    modules: [
      {
        catalog: { entryId: 'evaluer-competences', version: '2.1.0' },
        title: 'Évaluer par compétences',
        summary: 'Construire et utiliser une grille.',
        durationMinutes: 60,
      },
      {
        catalog: { entryId: 'ecole-inclusive', version: '1.0.0' },
        title: "L'école inclusive : premiers gestes",
        durationMinutes: 90,
      },
    ],
  }));
  return {
    host,
    saves,
    state: () => current,
    /** Another trainer saved meanwhile. */
    changeElsewhere: () => (current = { ...current, version: current.version + 5 }),
  };
}

async function mount(role: 'trainer' | 'trainee', locale: 'fr' | 'en' = 'fr') {
  const memory = memoryHost(role, locale);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const stop = memory.host.listen(wrapper);
  const element = document.createElement('mag-programme') as MagProgramme;
  element.instance = 'p1';
  wrapper.append(element);
  await until(() => element.shadowRoot!.querySelectorAll('li[data-step]').length === 3, 'the steps');
  return { ...memory, element, close: () => (stop(), memory.host.close(), element.remove()) };
}

const $ = <T extends Element = HTMLElement>(element: MagProgramme, selector: string) =>
  element.shadowRoot!.querySelector<T>(selector);
const order = (element: MagProgramme) =>
  [...element.shadowRoot!.querySelectorAll('li[data-step]')].map((li) => li.getAttribute('data-step'));

describe('<mag-programme>', () => {
  it('is accessible (axe), as a timeline and as a planner', async () => {
    const trainee = await mount('trainee');
    await expect(trainee.element).to.be.accessible();
    trainee.close();
    const trainer = await mount('trainer');
    await expect(trainer.element).to.be.accessible();
    trainer.close();
  });

  it('shows a trainee the timeline: where each step stands, their progress, what comes next, the totals', async () => {
    const { element, close } = await mount('trainee');
    const timings = [...element.shadowRoot!.querySelectorAll('li[data-step]')].map((li) =>
      li.getAttribute('data-timing'),
    );
    expect(timings).to.deep.equal(['past', 'current', 'upcoming']);
    expect($(element, '[aria-current="step"]')!.getAttribute('data-step')).to.equal('m1');
    expect($(element, '[data-info="next"]')!.textContent).to.contain('Différencier avec le numérique');
    expect($<HTMLProgressElement>(element, 'li[data-step="m1"] progress')!.value).to.equal(40);
    expect($(element, '[data-info="totals"]')!.textContent).to.contain('Présentiel\u00a0: 3 h');
    expect($(element, '[data-info="totals"]')!.textContent).to.contain('À distance\u00a0: 1 h 45');
    expect($(element, 'li[data-step="c1"] a')!.getAttribute('href')).to.equal('https://visio.example.org/abc');
    expect($(element, '[data-action="up"]')).to.equal(null);
    close();
  });

  it('takes a trainee from a module step of the timeline to the host’s player, by an accessible link', async () => {
    const { element, close } = await mount('trainee');
    const link = $<HTMLAnchorElement>(element, 'li[data-step="m1"] a[data-action="play"]')!;
    const expected = new URL('/course/activity/modules-1', location.href);
    expected.searchParams.set('step', 'm1');
    expect(link.href).to.equal(expected.href);
    // Started (40 %): "continue", named with the module's title for screen readers; a real link in the tab order.
    expect(link.textContent!.trim()).to.equal('Reprendre le module');
    expect(link.getAttribute('aria-label')).to.equal(
      'Reprendre le module « Différencier avec le numérique » dans le lecteur',
    );
    expect(link.tabIndex).to.equal(0);
    link.focus();
    expect(element.shadowRoot!.activeElement).to.equal(link);
    // Only module steps link there; in-person and online sessions do not.
    expect(element.shadowRoot!.querySelectorAll('a[data-action="play"]')).to.have.length(1);
    close();

    const english = await mount('trainee', 'en');
    expect($(english.element, 'a[data-action="play"]')!.getAttribute('aria-label')).to.equal(
      'Continue the module “Différencier avec le numérique” in the player',
    );
    english.close();

    // Keeps an explicit language on the same site; refuses what is not a web address.
    expect(playerHref('/course/activity/modules-1', 'm1', 'https://lms.example.fr/course?lang=en')).to.equal(
      'https://lms.example.fr/course/activity/modules-1?step=m1&lang=en',
    );
    expect(playerHref('https://autre.example.org/m', 'm1', 'https://lms.example.fr/course?lang=en')).to.equal(
      'https://autre.example.org/m?step=m1',
    );
    expect(playerHref('javascript:alert(1)', 'm1', 'https://lms.example.fr/')).to.equal(null);
  });

  it('shows no way into the player for a module not open yet', async () => {
    const memory = memoryHost('trainee');
    const steps = memory
      .state()
      .steps.map((step) =>
        step.kind === 'module' ? { ...step, opens: addDays(today, 2), closes: addDays(today, 9) } : step,
      );
    memory.host.handle(getState, () => ({ ...memory.state(), steps }));
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const stop = memory.host.listen(wrapper);
    const upcoming = document.createElement('mag-programme') as MagProgramme;
    upcoming.instance = 'p1';
    wrapper.append(upcoming);
    await until(() => upcoming.shadowRoot!.querySelectorAll('li[data-step]').length === 3, 'the steps');
    expect($(upcoming, 'li[data-step="m1"]')!.getAttribute('data-timing')).to.equal('upcoming');
    expect($(upcoming, 'a[data-action="play"]')).to.equal(null);
    stop();
    memory.host.close();
    upcoming.remove();
  });

  it('lets a trainer add an in-person session through an accessible form, refusing a bad date', async () => {
    const { element, saves, state, close } = await mount('trainer');
    $<HTMLButtonElement>(element, '[data-action="add-inperson"]')!.click();
    await until(() => $<HTMLDialogElement>(element, 'dialog.edit')?.open === true, 'the dialog');
    const dialog = $<HTMLDialogElement>(element, 'dialog.edit')!;
    const input = (name: string, value: string) => {
      const field = dialog.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      field.value = value;
    };
    input('title', 'Séance 2 : bilan');
    input('date', '2027-02-30');
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => dialog.querySelector('[role="alert"]') !== null, 'the error');
    expect(saves).to.have.length(0);
    input('date', '2027-03-02');
    input('place', 'Collège Jean-Moulin');
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => state().steps.length === 4, 'saved');
    expect(state().steps[3]).to.include({ kind: 'inperson', title: 'Séance 2 : bilan', place: 'Collège Jean-Moulin' });
    expect(saves[0]!.baseVersion).to.equal(1);
    await until(() => order(element).length === 4, 'shown');
    close();
  });

  it('reorders with the keyboard buttons, keeps the focus on the step and announces where it went', async () => {
    const { element, state, close } = await mount('trainer');
    const down = $<HTMLButtonElement>(element, 'li[data-step="s1"] [data-action="down"]')!;
    expect(down.getAttribute('aria-label')).to.equal('Descendre « Séance 1 »');
    down.focus();
    down.click();
    await until(() => state().steps[1]!.id === 's1', 'moved');
    await until(() => order(element).join() === 'm1,s1,c1', 'shown in order');
    await until(() => element.shadowRoot!.activeElement?.closest('li')?.getAttribute('data-step') === 's1', 'focus');
    expect($(element, '[aria-live="polite"]')!.textContent).to.contain('position 2 sur 3');
    close();
  });

  it('reorders with the pointer, by the handle', async () => {
    const { element, state, close } = await mount('trainer');
    const handle = $<HTMLElement>(element, 'li[data-step="c1"] .handle')!;
    const first = $<HTMLElement>(element, 'li[data-step="s1"]')!.getBoundingClientRect();
    const start = handle.getBoundingClientRect();
    const options = (y: number): PointerEventInit => ({
      bubbles: true,
      composed: true,
      pointerId: 1,
      button: 0,
      clientX: start.x + 2,
      clientY: y,
    });
    handle.dispatchEvent(new PointerEvent('pointerdown', options(start.y + 2)));
    handle.dispatchEvent(new PointerEvent('pointermove', options(first.top + 2)));
    handle.dispatchEvent(new PointerEvent('pointerup', options(first.top + 2)));
    await until(() => state().steps[0]!.id === 'c1', 'moved to the top');
    close();
  });

  it('adds a module from the catalog in one click, with an accent-insensitive search', async () => {
    const { element, state, close } = await mount('trainer');
    $<HTMLButtonElement>(element, '[data-action="add-module"]')!.click();
    await until(() => element.shadowRoot!.querySelectorAll('dialog.catalog li').length === 2, 'the choices');
    const search = $<HTMLInputElement>(element, '#catalog-search')!;
    search.value = 'evaluer';
    search.dispatchEvent(new InputEvent('input'));
    await until(() => element.shadowRoot!.querySelectorAll('dialog.catalog li').length === 1, 'filtered');
    $<HTMLButtonElement>(element, 'dialog.catalog li button')!.click();
    await until(() => state().steps.length === 4, 'added');
    expect(state().steps[3]).to.deep.include({
      kind: 'module',
      title: 'Évaluer par compétences',
      catalog: { entryId: 'evaluer-competences', version: '2.1.0' },
    });
    close();
  });

  it('says when someone else changed the programme, and shows their version', async () => {
    const { element, changeElsewhere, state, close } = await mount('trainer');
    changeElsewhere();
    $<HTMLButtonElement>(element, 'li[data-step="c1"] [data-action="remove"]')!.click();
    await until(() => $(element, '[role="alert"]') !== null, 'the conflict');
    expect($(element, '[role="alert"]')!.textContent).to.contain('modifié par ailleurs');
    expect(state().steps).to.have.length(3);
    expect(order(element)).to.deep.equal(['s1', 'm1', 'c1']);
    close();
  });

  it('exports the programme as an iCalendar file', async () => {
    const { element, close } = await mount('trainee', 'en');
    let exported: Blob | null = null;
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      exported = blob as Blob;
      return original.call(URL, blob);
    };
    try {
      $<HTMLButtonElement>(element, '[data-action="ics"]')!.click();
    } finally {
      URL.createObjectURL = original;
    }
    expect(exported).to.not.equal(null);
    const text = await exported!.text();
    expect(text).to.contain('BEGIN:VCALENDAR');
    expect(text.match(/BEGIN:VEVENT/g)).to.have.length(3);
    expect($(element, '[data-action="ics"]')!.textContent).to.contain('Add to my calendar');
    close();
  });

  it('renders hostile titles as text', async () => {
    const { element, host, close } = await mount('trainee');
    host.handle(getState, () => ({
      version: 9,
      title: '<img src=x onerror="window.__pwned=1">',
      steps: [{ ...seedSteps()[0]!, title: '<script>window.__pwned=1</script>' }],
    }));
    host.emit('p1', updated.subject, { version: 9 });
    await until(() => element.shadowRoot!.querySelectorAll('li[data-step]').length === 1, 'the new state');
    expect(element.shadowRoot!.querySelector('img, script')).to.equal(null);
    expect($(element, 'li h3')!.textContent).to.equal('<script>window.__pwned=1</script>');
    close();
  });
});

runBridgeContractTests({
  tag: 'mag-programme',
  activity: 'programme',
  module: '/module-activity/src/programme/programme.ts',
  services(host) {
    host.handle(getState, () => ({ version: 1, title: 'P', steps: [] }));
  },
  probe: { def: getState, payload: {} },
  event: { def: updated, data: { version: 2 } },
});
