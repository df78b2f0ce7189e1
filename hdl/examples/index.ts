/** Example designs of the HDL (general-purpose; the MeRAM designs live in designs/meram). */
import type { Module } from '../core/module.ts';
import { blinky } from './blinky.ts';
import { pulseSequencer } from './pulse-sequencer.ts';
import { twoDomains } from './two-domains.ts';

export { blinky, pulseSequencer, twoDomains };

/** Every example by name, each a fresh top module. */
export const EXAMPLES: Readonly<Record<string, () => Module>> = {
  blinky, pulse_sequencer: pulseSequencer, two_domains: twoDomains,
};
