/**
 * Verbs registered before their library lands: `--help` works and running them is a clear one-line error (exit 3).
 * Wiring one later is replacing its `run` with the library call (see noise.ts; prove.ts was wired this way).
 */
import type { OptionSpec, Verb } from './args.ts';
import { NotAvailableError } from './errors.ts';

/** A verb whose implementation is not in this build. */
export function unavailableVerb(name: string, summary: string, help: string, why: string, options: OptionSpec = {}): Verb {
  return {
    name, summary: `${summary} (not available in this build)`, help: `${help}\n\nnot available in this build: ${why}`, options, positionals: [0, Infinity],
    run: () => Promise.reject(new NotAvailableError(name, why)),
  };
}
