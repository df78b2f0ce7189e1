import type { Verb } from './args.ts';
export const flowVerb: Verb = { name: 'flow', summary: 'x', help: 'x', options: {}, positionals: [0, 0], async run() {} };
