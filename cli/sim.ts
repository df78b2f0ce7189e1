import type { Verb } from './args.ts';
export const simVerb: Verb = { name: 'sim', summary: 'x', help: 'x', options: {}, positionals: [0, 0], async run() {} };
