// custom-elements.json from the elements' JSDoc headers (the JSDoc header is the API).
export default {
  globs: [
    'activities/src/**/*.component.ts',
    'wordcloud/src/**/*.component.ts',
    'quiz/src/**/*.component.ts',
    'module-activity/src/**/*.component.ts',
    'activities/src/base/mag-element.ts',
  ],
  exclude: ['**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
};
