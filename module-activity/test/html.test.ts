/** The HTML scan behind page checks: references, what players strip, relocation, SVG safety. */
import { describe, expect, it } from 'vitest';
import { findRefs, htmlRisks, isUnsafeSvg, refKind, rewriteRefs, splitRef } from '../src/catalog/html.js';

describe('page HTML scan', () => {
  it('finds src, href and poster values, quoted or not, outside comments', () => {
    const html = `<img src="a.png" alt='x'><a href=b.html>b</a><video poster='c.jpg'></video><!-- <img src="d.png"> --><p data-src="e">`;
    expect(findRefs(html).map((ref) => [ref.attribute, ref.value, html.slice(ref.start, ref.end)])).toEqual([
      ['src', 'a.png', 'a.png'],
      ['href', 'b.html', 'b.html'],
      ['poster', 'c.jpg', 'c.jpg'],
    ]);
  });

  it('tells relative, external, absolute, fragment and javascript references apart', () => {
    expect(
      [
        'img/a.png',
        '../a.png',
        'https://x.fr/',
        '//cdn.x/a.js',
        'mailto:a@b.fr',
        '/a.png',
        '#top',
        '',
        ' JavaScript:alert(1)',
        'java\tscript:x',
      ].map(refKind),
    ).toEqual([
      'relative',
      'relative',
      'external',
      'external',
      'external',
      'absolute',
      'fragment',
      'fragment',
      'javascript',
      'javascript',
    ]);
    expect(splitRef('doc.pdf?x=1&amp;y=2#p3')).toEqual({ path: 'doc.pdf', suffix: '?x=1&y=2#p3' });
  });

  it('lists what a sanitising player removes', () => {
    const risks = htmlRisks(
      '<script>x</script><iframe src="y"></iframe><img src=x onerror="z()"><a href="javascript:void 0">a</a><form action="javascript:x">',
    );
    expect(risks).toEqual([
      { kind: 'script' },
      { kind: 'embed', tag: 'iframe' },
      { kind: 'handler', attribute: 'onerror' },
      { kind: 'javascript_url' },
      { kind: 'embed', tag: 'form' },
      { kind: 'javascript_url' },
    ]);
    expect(htmlRisks('<p title="onclick=x">Rien à signaler</p>')).toEqual([]);
  });

  it('rewrites only the references it is asked to', () => {
    const html = '<img src="../i/a.svg" alt="A"><a href="#h">h</a><img src=b.png>';
    expect(rewriteRefs(html, (ref) => (ref.value.startsWith('#') ? undefined : `x/${ref.value}`))).toBe(
      '<img src="x/../i/a.svg" alt="A"><a href="#h">h</a><img src=x/b.png>',
    );
  });

  it('refuses SVGs that could run script or fetch something', () => {
    expect(isUnsafeSvg('<svg><rect fill="url(#g)"/><use href="#shape"/></svg>')).toBe(false);
    for (const svg of [
      '<svg><script>alert(1)</script></svg>',
      '<svg onload="x()"/>',
      '<svg><image href="https://tracker.example/p.png"/></svg>',
      '<svg><use xlink:href="other.svg#a"/></svg>',
      '<svg><rect style="fill: url(https://x/p)"/></svg>',
      '<svg><foreignObject><p>x</p></foreignObject></svg>',
      '<svg><style>@import "x.css";</style></svg>',
    ]) {
      expect(isUnsafeSvg(svg), svg).toBe(true);
    }
  });
});
