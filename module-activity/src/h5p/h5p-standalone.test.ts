/**
 * Our own H5P content plays in h5p-standalone, from the built sample catalog (built by the real
 * `mag-catalog build` when the test server first serves it, see module-activity/test/wtr-sample-catalog.mjs):
 * H5P.MagChoice renders accessible radio buttons, a right answer sends xAPI `answered` and `completed` with
 * the score, H5P saves the state, and a new player given that state resumes it.
 *
 * This proves the content and the catalog layout, not the future `<mag-module>` player (no bridge, no
 * sandbox here): that comes with the element.
 */
import { expect } from '@open-wc/testing';
import { until } from '../../../activities/src/testing/helpers.js';
import type { CatalogIndex, ModulePackage } from '../catalog/schema.js';

const CATALOG = '/module-activity/dist/catalog-sample/';
const PLAYER = '/node_modules/h5p-standalone/dist/';

interface Statement {
  verb: { id: string };
  object: { definition?: { interactionType?: string; choices?: unknown[] } };
  result?: {
    score?: { raw: number; max: number; min: number; scaled: number };
    completion?: boolean;
    success?: boolean;
    response?: string;
  };
}

interface H5PGlobal {
  externalDispatcher: { on(type: string, listener: (event: { data: { statement: Statement } }) => void): void };
}

declare global {
  interface Window {
    H5PStandalone?: { H5P: Player };
    H5P?: H5PGlobal;
    H5PIntegration?: { contents: Record<string, { contentUserData?: Record<string, Record<string, string>> }> };
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.append(script);
  });
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  expect(response.status, path).to.equal(200);
  return (await response.json()) as T;
}

type Player = new (element: HTMLElement, options: Record<string, unknown>) => Promise<unknown>;

const statements: Statement[] = [];
/** Kept at load: once a player has run, `window.H5PStandalone` is gone (the frame scripts replace globals). */
let Player: Player;
let contentPath = '';
let librariesPath = '';

async function play(
  id: string,
  extra: Record<string, unknown> = {},
): Promise<{ frame: HTMLIFrameElement; doc: Document }> {
  const container = document.createElement('div');
  container.style.width = '640px';
  document.body.append(container);
  await new Player(container, {
    id,
    h5pJsonPath: contentPath,
    librariesPath,
    frameJs: `${PLAYER}frame.bundle.js`,
    frameCss: `${PLAYER}styles/h5p.css`,
    saveFreq: 1,
    ...extra,
  });
  const frame = container.querySelector<HTMLIFrameElement>('iframe.h5p-iframe')!;
  expect(frame, 'H5P frame').to.be.instanceOf(HTMLIFrameElement);
  await until(
    () => !!frame.contentDocument?.querySelector('.h5p-magchoice input'),
    'the question in the frame',
    10_000,
  );
  return { frame, doc: frame.contentDocument! };
}

describe('H5P.MagChoice in h5p-standalone, from the built sample catalog', function () {
  this.timeout(30_000);

  before(async () => {
    const index = await getJson<CatalogIndex>(`${CATALOG}index.json`);
    const entry = index.modules.find((module) => module.id === 'differencier-numerique')!;
    const latest = entry.versions.find((version) => version.version === entry.latest)!;
    const pkg = await getJson<ModulePackage>(`${CATALOG}${latest.package}`);
    const item = pkg.items.find((candidate) => candidate.kind === 'h5p');
    if (item?.kind !== 'h5p') throw new Error('no H5P item in the sample module');
    contentPath = `${CATALOG}${latest.package.replace(/module\.json$/, '')}${item.path}`;
    librariesPath = `${CATALOG}${index.h5pLibraries}`;
    await loadScript(`${PLAYER}main.bundle.js`);
    Player = window.H5PStandalone!.H5P;
  });

  it('renders accessible radio buttons, and sends answered and completed with the score', async () => {
    const { frame, doc } = await play('choix-outil');
    window.H5P!.externalDispatcher.on('xAPI', (event) => statements.push(event.data.statement));

    const fieldset = doc.querySelector('fieldset')!;
    expect(fieldset.querySelector('legend')!.textContent).to.contain('Léa');
    const radios = [...doc.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios).to.have.length(3);
    for (const radio of radios) {
      expect(doc.querySelector(`label[for="${radio.id}"]`)!.textContent!.length, 'every radio has a label').to.be.above(
        0,
      );
    }
    expect(doc.querySelector('[role="status"]')).not.to.equal(null);

    const heightBefore = frame.getBoundingClientRect().height;
    radios[0]!.click();
    doc.querySelector<HTMLButtonElement>('.h5p-magchoice-button')!.click();
    await until(() => statements.some((s) => s.verb.id.endsWith('/completed')), 'the completed statement');

    const answered = statements.find((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/answered')!;
    expect(answered.result).to.deep.include({ completion: true, success: true, response: '0' });
    expect(answered.result!.score).to.deep.equal({ min: 0, max: 1, raw: 1, scaled: 1 });
    expect(answered.object.definition!.interactionType).to.equal('choice');
    expect(answered.object.definition!.choices).to.have.length(3);
    const completed = statements.find((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed')!;
    expect(completed.result!.score).to.deep.equal({ min: 0, max: 1, raw: 1, scaled: 1 });

    expect(doc.querySelector('[role="status"]')!.textContent).to.contain('Bonne réponse');
    // The frame follows the content: the feedback made it taller.
    await until(() => frame.getBoundingClientRect().height > heightBefore, 'the frame to grow with its content');
  });

  it('lets H5P save the state, and resumes a new player from it', async () => {
    const contents = () => window.H5PIntegration!.contents['cid-choix-outil']!;
    await until(() => !!contents().contentUserData?.[0]?.['state'], 'the saved state', 8_000);
    const saved = contents().contentUserData![0]!['state']!;
    expect(JSON.parse(saved)).to.deep.equal({ selected: 0, checked: true });

    const before = statements.length;
    const { doc } = await play('choix-outil-resumed', { contentUserData: [{ state: saved }] });
    const radios = [...doc.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((radio) => radio.checked)).to.deep.equal([true, false, false]);
    expect(radios.every((radio) => radio.disabled)).to.equal(true);
    expect(doc.querySelector('[role="status"]')!.textContent).to.contain('Bonne réponse');
    expect(doc.querySelector('.h5p-magchoice-right')).not.to.equal(null);
    // Resuming replays nothing.
    expect(statements.slice(before).filter((s) => s.verb.id.endsWith('/answered'))).to.deep.equal([]);
  });
});
