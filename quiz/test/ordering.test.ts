/**
 * Ordering grading: qtype_ordering's own unit test expectations, and the polynomial longest-subset search
 * checked against a literal port of Moodle's exponential one (every order of up to 7 items, random longer ones).
 */
import { describe, expect, it } from 'vitest';
import { gradeOrdering, orderedSubsetLength } from '../src/grading.js';
import { ORDERING_GRADINGS } from '../src/model.js';

/** qtype_ordering's get_ordered_positions + get_ordered_subsets + get_ordered_subset, line by line. */
function moodleOrderedSubset(correct: number[], current: number[], contiguous: boolean): number[] {
  const positions = current.map((id) => correct.indexOf(id));
  let subsets: number[][] = [];
  positions.forEach((value, p) => {
    let isNew = true;
    const added: number[][] = [];
    const snapshot = subsets.map((s) => [...s]);
    snapshot.forEach((subset, s) => {
      const end = positions[subset[subset.length - 1] as number] as number;
      if (value === end + 1) {
        isNew = false;
        (subsets[s] as number[]).push(p);
      } else if (!contiguous && value > end) {
        isNew = false;
        added.push(subset);
        (subsets[s] as number[]).push(p);
      }
    });
    if (isNew) added.push([p]);
    if (added.length > 0) subsets = [...subsets, ...added];
  });
  let best: number[] = [];
  let bestCount = 1;
  for (const subset of subsets) {
    if (subset.length > bestCount) {
      bestCount = subset.length;
      best = subset;
    }
  }
  return best;
}

function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  yield [...a];
  let i = 0;
  while (i < n) {
    if ((c[i] as number) < i) {
      const j = i % 2 === 0 ? 0 : (c[i] as number);
      [a[j], a[i]] = [a[i] as number, a[j] as number];
      yield [...a];
      c[i] = (c[i] as number) + 1;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

const WORDS = ['Modular', 'Object', 'Oriented', 'Dynamic', 'Learning', 'Environment'];
const order = (words: string[]): number[] => words.map((w) => WORDS.indexOf(w));
const RIGHT = order(WORDS);
const REVERSE = order(['Environment', 'Learning', 'Dynamic', 'Oriented', 'Object', 'Modular']);
const FOUR = order(['Environment', 'Object', 'Oriented', 'Dynamic', 'Learning', 'Modular']);
const ONE = order(['Oriented', 'Object', 'Dynamic', 'Learning', 'Environment', 'Modular']);
const SHIFTED = order(['Object', 'Oriented', 'Dynamic', 'Learning', 'Environment', 'Modular']);

describe('ordering grading', () => {
  it('gives full marks to the right order and none to the reverse, whatever the grading type', () => {
    for (const grading of ORDERING_GRADINGS) {
      expect(gradeOrdering(grading, 6, RIGHT), grading).toBe(1);
      expect(gradeOrdering(grading, 6, REVERSE), grading).toBe(grading === 'relativeToCorrect' ? 0.4 : 0);
    }
  });

  it("matches qtype_ordering's own test expectations", () => {
    expect(gradeOrdering('allOrNothing', 6, ONE)).toBe(0);
    expect(gradeOrdering('absolutePosition', 6, FOUR)).toBeCloseTo(4 / 6, 12);
    expect(gradeOrdering('absolutePosition', 6, ONE)).toBeCloseTo(1 / 6, 12);
    expect(gradeOrdering('relativeNextExcludeLast', 6, FOUR)).toBe(0.6);
    expect(gradeOrdering('relativeNextExcludeLast', 6, ONE)).toBe(0.4);
    expect(gradeOrdering('relativeNextIncludeLast', 6, FOUR)).toBe(0.5);
    const one = gradeOrdering('relativeOnePreviousAndNext', 6, ONE);
    expect(one > 0.33 && one < 0.34).toBe(true);
    expect(gradeOrdering('relativeAllPreviousAndNext', 6, ONE)).toBe(0.6);
    const all = gradeOrdering('relativeAllPreviousAndNext', 6, SHIFTED);
    expect(all > 0.6 && all < 0.7).toBe(true);
    expect(gradeOrdering('longestOrderedSubset', 6, SHIFTED)).toBeCloseTo(5 / 6, 12);
    expect(gradeOrdering('longestContiguousSubset', 6, SHIFTED)).toBeCloseTo(5 / 6, 12);
    const relative = gradeOrdering('relativeToCorrect', 6, SHIFTED);
    expect(relative > 0.6 && relative < 0.7).toBe(true);
  });

  it("finds the same longest subsets as Moodle's search, for every order of up to 7 items", () => {
    let checked = 0;
    for (let n = 1; n <= 7; n++) {
      const correct = Array.from({ length: n }, (_, i) => i + 1);
      for (const perm of permutations(n)) {
        const current = perm.map((i) => i + 1);
        for (const contiguous of [false, true]) {
          expect(orderedSubsetLength(correct, current, contiguous), `${current.join(',')} ${contiguous}`).toBe(
            moodleOrderedSubset(correct, current, contiguous).length,
          );
        }
        checked++;
      }
    }
    expect(checked).toBe(1 + 2 + 6 + 24 + 120 + 720 + 5040);
  });

  it("finds the same longest subsets as Moodle's search, for 2,000 random orders of 8 to 12 items", () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let k = 0; k < 2000; k++) {
      const n = 8 + random(5);
      const current = Array.from({ length: n }, (_, i) => i + 1);
      for (let i = n - 1; i > 0; i--) {
        const j = random(i + 1);
        [current[i], current[j]] = [current[j] as number, current[i] as number];
      }
      const correct = Array.from({ length: n }, (_, i) => i + 1);
      for (const contiguous of [false, true]) {
        expect(orderedSubsetLength(correct, current, contiguous)).toBe(
          moodleOrderedSubset(correct, current, contiguous).length,
        );
      }
    }
  });

  it('grades 200 items swapped in pairs (Moodle would not finish: its search is exponential)', () => {
    // No timing here (npm run bench measures grading): an exponential search would not end within the test's timeout.
    const n = 200;
    const swapped = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i + 1 : i - 1));
    expect(gradeOrdering('longestOrderedSubset', n, swapped)).toBe(0.5);
    expect(gradeOrdering('longestContiguousSubset', n, swapped)).toBe(2 / n);
  });
});
