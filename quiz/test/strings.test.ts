/** Every code a trainee may receive has its sentence in French and English. */
import { describe, expect, it } from 'vitest';
import { translate } from '../../activities/src/i18n/localize.js';
import { quizStrings } from '../src/strings.js';
import type { AttemptErrorCode, GradeState, IncompleteReason } from '../src/index.js';

const codes: (AttemptErrorCode | GradeState | IncompleteReason)[] = [
  'right',
  'partial',
  'wrong',
  'unanswered',
  'needsGrading',
  'noMark',
  'answer_required',
  'not_a_number',
  'all_parts_required',
  'wrong_shape',
  'out_of_range',
  'duplicate_choice',
  'not_a_permutation',
  'too_long',
  'invalid_text',
  'no_response_expected',
  'bad_action',
  'no_such_slot',
  'finished',
  'time_over',
  'not_allowed',
  'read_only',
  'no_attempts_left',
  'attempt_in_progress',
  'closed',
];

describe('quiz strings', () => {
  it('has every code in both languages, and nothing else but the placeholders', () => {
    for (const code of codes) {
      expect(quizStrings.fr[code as keyof typeof quizStrings.fr], code).toBeTruthy();
      expect(quizStrings.en[code as keyof typeof quizStrings.en], code).toBeTruthy();
    }
    expect(Object.keys(quizStrings.en).sort()).toEqual(Object.keys(quizStrings.fr).sort());
  });

  it('fills counts in each language', () => {
    expect(translate(quizStrings, 'fr', 'tries_left', { count: 1 })).toBe('Essai restant\u00a0: 1');
    expect(translate(quizStrings, 'en', 'tries_left', { count: 2 })).toBe('Tries remaining: 2');
    expect(translate(quizStrings, 'fr', 'mark', { mark: 0.75, max: 1 })).toBe('Note\u00a0: 0,75 sur 1');
  });
});
