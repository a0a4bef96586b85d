#!/usr/bin/env node
// The `regia` command: loads the TypeScript CLI through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
// The embedded database starts opening first, while the CLI's modules load.
const { prestartDatabase } = await import('../src/cli/prestart.ts');
prestartDatabase(process.argv.slice(2));
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
