/**
 * The quiz's names, in a module of their own without any schema, so that the element's bundle can use them
 * without pulling in the server-side model, grading and attempts (whose schemas are built when loaded).
 */
export const TEXT_FORMATS = ['moodle', 'html', 'markdown', 'plain'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export const QUESTION_TYPES = [
  'single',
  'multiple',
  'truefalse',
  'shortanswer',
  'numerical',
  'matching',
  'ordering',
  'essay',
  'description',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const BEHAVIOURS = ['deferred', 'immediate', 'interactive'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export const GRADING_METHODS = ['highest', 'average', 'first', 'last'] as const;
export type GradingMethod = (typeof GRADING_METHODS)[number];

export const LEADERBOARDS = ['off', 'top5', 'progress', 'teams'] as const;
export type Leaderboard = (typeof LEADERBOARDS)[number];
