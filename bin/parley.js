#!/usr/bin/env node
// The `parley` command. Parley runs its TypeScript sources directly through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/parley.ts');
