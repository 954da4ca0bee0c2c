/** Error recovery: a malformed question is reported where it is and the questions around it still import. */
import { describe, expect, it } from 'vitest';
import { parseGift } from '../src/index.js';

describe('GIFT error recovery', () => {
  it('imports the valid questions around malformed ones, with each error at its line and column', () => {
    const gift = [
      '// [id:first]',
      '::One:: First {T}',
      '',
      '::Two:: Broken {=a ~b',
      '',
      '::Three:: Third {=yes =oui}',
      '',
      '::Four:: Bad number {#1..x}',
      '',
      '::Five:: Fifth {#1..5}',
    ].join('\n');
    const { questions, errors } = parseGift(gift);
    expect(questions.map((q) => q.name)).toEqual(['One', 'Three', 'Five']);
    expect(questions[0]?.id).toBe('first');
    expect(errors).toEqual([
      { line: 4, column: 16, message: 'answer block not closed with }' },
      { line: 8, column: 23, message: 'not a number: "x"' },
    ]);
  });

  it('never throws, whatever the input', () => {
    const alphabet = ['{', '}', '=', '~', '#', ':', '\\', '%', '-', '>', '.', '1', 'a', 'T', ' ', '\n', '/', '[', ']'];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      const source = Array.from({ length: random(40) }, () => alphabet[random(alphabet.length)]).join('');
      const result = parseGift(source);
      for (const e of result.errors) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('reports errors on CRLF files at the right line', () => {
    expect(parseGift('A {T}\r\n\r\nB {#z}\r\n').errors).toEqual([{ line: 3, column: 5, message: 'not a number: "z"' }]);
  });

  it('returns nothing for an empty or comment-only file', () => {
    expect(parseGift('')).toEqual({ questions: [], errors: [] });
    expect(parseGift('// just a comment\n\n// [id:x]\n')).toEqual({ questions: [], errors: [] });
  });
});
