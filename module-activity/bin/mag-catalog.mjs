#!/usr/bin/env node
// `npx mag-catalog`: the catalog tools are TypeScript, run through tsx (the project's dev dependency).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/mag-catalog.ts');
process.exitCode = await main(process.argv.slice(2));
