/**
 * What the validator and the build need to know of a page's HTML: the files it points to (`src`, `href`,
 * `poster` attributes) and what players will strip. This is a scan, not a sanitiser: players sanitise pages
 * when they show them; the scan only lets a publisher know early, and lets the build copy and relocate the
 * files a page uses. `srcset` is not followed (give images a `src`).
 */

export interface HtmlRef {
  attribute: string;
  /** The attribute's value as written (entities not decoded). */
  value: string;
  /** Where the value starts and ends in the HTML (without its quotes). */
  start: number;
  end: number;
}

const TAG = /<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const REF_ATTRIBUTES = new Set(['src', 'href', 'poster']);

interface Tag {
  name: string;
  attributes: { name: string; value: string | undefined; start: number; end: number }[];
}

function* tags(html: string): Generator<Tag> {
  // Comments hide what they contain from browsers: blank them out, keeping offsets.
  const visible = html.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => ' '.repeat(comment.length));
  for (const match of visible.matchAll(TAG)) {
    const name = match[1]!.toLowerCase();
    const body = match[2] ?? '';
    const bodyStart = match.index + 1 + match[1]!.length;
    const attributes: Tag['attributes'] = [];
    for (const attribute of body.matchAll(ATTRIBUTE)) {
      const value = attribute[2] ?? attribute[3] ?? attribute[4];
      let start = bodyStart + attribute.index;
      if (value !== undefined) {
        const raw = attribute[0];
        const offset = attribute[4] !== undefined ? raw.length - value.length : raw.length - value.length - 1;
        start += offset;
      }
      attributes.push({
        name: attribute[1]!.toLowerCase(),
        value,
        start,
        end: value === undefined ? start : start + value.length,
      });
    }
    yield { name, attributes };
  }
}

/** The `src`, `href` and `poster` values of the HTML, in document order. */
export function findRefs(html: string): HtmlRef[] {
  const refs: HtmlRef[] = [];
  for (const tag of tags(html)) {
    for (const attribute of tag.attributes) {
      if (!REF_ATTRIBUTES.has(attribute.name) || attribute.value === undefined) continue;
      refs.push({ attribute: attribute.name, value: attribute.value, start: attribute.start, end: attribute.end });
    }
  }
  return refs;
}

export type RefKind = 'relative' | 'external' | 'absolute' | 'fragment' | 'javascript';

/** Decodes the few entities that may appear in a URL attribute. */
export function decodeAttribute(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

export function refKind(value: string): RefKind {
  const trimmed = decodeAttribute(value).trim();
  if (trimmed === '' || trimmed.startsWith('#')) return 'fragment';
  // eslint-disable-next-line no-control-regex -- browsers ignore tabs and newlines inside a scheme
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed.replace(/[\u0000-\u001F\s]/g, ''));
  if (scheme) return scheme[1]!.toLowerCase() === 'javascript' ? 'javascript' : 'external';
  if (trimmed.startsWith('//')) return 'external';
  if (trimmed.startsWith('/') || trimmed.startsWith('\\')) return 'absolute';
  return 'relative';
}

/** A relative reference split into its path and what follows it (`?query#fragment`). */
export function splitRef(value: string): { path: string; suffix: string } {
  const decoded = decodeAttribute(value).trim();
  const cut = decoded.search(/[?#]/);
  return cut < 0 ? { path: decoded, suffix: '' } : { path: decoded.slice(0, cut), suffix: decoded.slice(cut) };
}

export type HtmlRisk =
  | { kind: 'script' }
  | { kind: 'embed'; tag: string }
  | { kind: 'handler'; attribute: string }
  | { kind: 'javascript_url' };

const EMBEDS = new Set(['iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'form']);

/** What a sanitising player will remove: scripts, frames and embeds, event handlers, `javascript:` URLs. */
export function htmlRisks(html: string): HtmlRisk[] {
  const risks: HtmlRisk[] = [];
  for (const tag of tags(html)) {
    if (tag.name === 'script') risks.push({ kind: 'script' });
    else if (EMBEDS.has(tag.name)) risks.push({ kind: 'embed', tag: tag.name });
    for (const attribute of tag.attributes) {
      if (attribute.name.startsWith('on')) risks.push({ kind: 'handler', attribute: attribute.name });
      else if (
        (REF_ATTRIBUTES.has(attribute.name) || attribute.name === 'action' || attribute.name === 'formaction') &&
        attribute.value !== undefined &&
        refKind(attribute.value) === 'javascript'
      ) {
        risks.push({ kind: 'javascript_url' });
      }
    }
  }
  return risks;
}

/** The HTML with each reference's value replaced by `replace(ref)` (or kept when it returns undefined). */
export function rewriteRefs(html: string, replace: (ref: HtmlRef) => string | undefined): string {
  let out = '';
  let last = 0;
  for (const ref of findRefs(html)) {
    const next = replace(ref);
    if (next === undefined) continue;
    out += html.slice(last, ref.start) + next;
    last = ref.end;
  }
  return out + html.slice(last);
}

/** Whether an SVG file could run script or load something when opened on its own. */
export function isUnsafeSvg(svg: string): boolean {
  if (/<script[\s>/]/i.test(svg) || /<foreignObject[\s>/]/i.test(svg)) return true;
  for (const tag of tags(svg)) {
    for (const attribute of tag.attributes) {
      if (attribute.name.startsWith('on')) return true;
      const isLink = attribute.name === 'href' || attribute.name === 'xlink:href' || attribute.name === 'src';
      if (isLink && attribute.value !== undefined && refKind(attribute.value) !== 'fragment') return true;
    }
  }
  return /url\(\s*['"]?(?!#)/i.test(svg) || /@import/i.test(svg);
}
