/**
 * Authored text (a question written in HTML or Markdown, a page from a catalog) turned into HTML that is safe to
 * put in a page: an allowlist of elements and attributes, everything else dropped, text kept. It runs in the
 * browser, on an inert document (`DOMParser` runs no script and loads nothing), so the result never depends on
 * what the author meant to do.
 *
 * - Elements: text structure (paragraphs, headings 3 to 6, lists, tables, quotes, code), emphasis, links, images.
 *   A dropped element keeps its text (its children are kept), except `script`, `style`, `template`, `iframe`,
 *   `object`, `embed`, `svg`, `math`, `noscript`, `select`, `textarea` and form controls, which go with their content.
 * - Attributes: `href` on links (http, https, mailto; opened in a new tab without opener), `src` and `alt` on
 *   images (http, https), `colspan`/`rowspan` on cells, `lang` and `dir` anywhere. No `style`, no `class`, no
 *   event handler, no `id` (ids would clash with the page's).
 * - Formats: `html` as is (then cleaned); `markdown` (a small subset: paragraphs, line breaks, `**bold**`,
 *   `*italic*`, `` `code` ``, `[text](url)`, lists); `plain` and `moodle` as text, with paragraphs and line breaks.
 */
export type TextFormat = 'html' | 'markdown' | 'plain' | 'moodle';

const ALLOWED = new Set([
  'P',
  'BR',
  'STRONG',
  'B',
  'EM',
  'I',
  'U',
  'S',
  'SUB',
  'SUP',
  'CODE',
  'PRE',
  'BLOCKQUOTE',
  'UL',
  'OL',
  'LI',
  'A',
  'H3',
  'H4',
  'H5',
  'H6',
  'SPAN',
  'DIV',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
  'CAPTION',
  'IMG',
  'HR',
  'DL',
  'DT',
  'DD',
  'FIGURE',
  'FIGCAPTION',
  'ABBR',
  'MARK',
  'SMALL',
  'Q',
  'CITE',
]);
const DROPPED_WITH_CONTENT = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'NOSCRIPT',
  'SELECT',
  'TEXTAREA',
  'BUTTON',
  'INPUT',
  'FORM',
  'LINK',
  'META',
  'BASE',
  'FRAME',
  'FRAMESET',
  'AUDIO',
  'VIDEO',
  'CANVAS',
]);
/** Headings 1 and 2 would break the page's outline: they become level 3. */
const RENAMED: Record<string, string> = { H1: 'h3', H2: 'h3' };

function safeUrl(value: string, schemes: readonly string[]): string | null {
  try {
    const url = new URL(value, 'https://invalid.example/');
    if (url.origin === 'https://invalid.example') return null;
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function cleanInto(source: Node, target: Node, doc: Document): void {
  for (const child of Array.from(source.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      target.appendChild(doc.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const element = child as Element;
    const tag = element.tagName.toUpperCase();
    if (DROPPED_WITH_CONTENT.has(tag)) continue;
    const name = RENAMED[tag] ?? (ALLOWED.has(tag) ? tag.toLowerCase() : null);
    if (!name) {
      cleanInto(element, target, doc);
      continue;
    }
    const copy = doc.createElement(name);
    for (const attribute of ['lang', 'dir']) {
      const value = element.getAttribute(attribute);
      if (value && /^[A-Za-z0-9-]{1,35}$/.test(value)) copy.setAttribute(attribute, value);
    }
    if (name === 'a') {
      const href = safeUrl(element.getAttribute('href') ?? '', ['http:', 'https:', 'mailto:']);
      if (href) {
        copy.setAttribute('href', href);
        copy.setAttribute('target', '_blank');
        copy.setAttribute('rel', 'noopener noreferrer');
      }
    } else if (name === 'img') {
      const src = safeUrl(element.getAttribute('src') ?? '', ['http:', 'https:']);
      if (!src) continue;
      copy.setAttribute('src', src);
      copy.setAttribute('alt', element.getAttribute('alt') ?? '');
      copy.setAttribute('loading', 'lazy');
    } else if (name === 'td' || name === 'th') {
      for (const attribute of ['colspan', 'rowspan']) {
        const value = element.getAttribute(attribute);
        if (value && /^[1-9]\d?$/.test(value)) copy.setAttribute(attribute, value);
      }
    }
    cleanInto(element, copy, doc);
    target.appendChild(copy);
  }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Paragraphs from blank lines, line breaks from single ones: for plain, Moodle auto-format, Markdown. */
function paragraphs(text: string, inline: (line: string) => string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => {
      const lines = block.split('\n');
      const bullet = /^\s*[-*]\s+/;
      const numbered = /^\s*\d+[.)]\s+/;
      if (lines.every((line) => bullet.test(line))) {
        return `<ul>${lines.map((line) => `<li>${inline(line.replace(bullet, ''))}</li>`).join('')}</ul>`;
      }
      if (lines.every((line) => numbered.test(line))) {
        return `<ol>${lines.map((line) => `<li>${inline(line.replace(numbered, ''))}</li>`).join('')}</ol>`;
      }
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('');
}

function markdownInline(line: string): string {
  return escapeHtml(line)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

const cache = new Map<string, string>();

/** Safe HTML for `text` in `format` (see the header); cached, since the same texts come back on every render. */
export function richText(text: string, format: TextFormat): string {
  const key = `${format}\u0000${text}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const html =
    format === 'html' ? text : format === 'markdown' ? paragraphs(text, markdownInline) : paragraphs(text, escapeHtml);
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  const holder = document.createElement('div');
  cleanInto(parsed.body, holder, document);
  const clean = holder.innerHTML;
  if (cache.size > 500) cache.clear();
  cache.set(key, clean);
  return clean;
}
