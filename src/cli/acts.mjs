#!/usr/bin/env node
// The `acts` command. Plain JavaScript so it runs straight after `npm install`: it registers tsx's
// loader (TypeScript sources, no build step) and hands over to the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
