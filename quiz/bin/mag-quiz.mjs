#!/usr/bin/env node
// The quiz command line for authors and admins: import GIFT or Moodle XML to the question model (JSON), export
// the model to GIFT or Moodle XML. The sources are TypeScript: tsx (a devDependency of the repository) loads them.
// Usage: npx mag-quiz --help
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli.ts');
process.exitCode = await run(process.argv.slice(2));
