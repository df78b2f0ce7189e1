import type { Verb } from './args.ts';
export const reportVerb: Verb = { name: 'report', summary: 'x', help: 'x', options: {}, positionals: [0, 0], async run() {} };
