/**
 * `meram-hdl noise`: writes a noise bank (samples of a generator, for downstream experiments). The writer is being
 * built in experiments/noise; until it lands the verb is registered and says so. To wire it: import the writer here
 * and replace `unavailableVerb(...)` by a Verb whose `run` calls it.
 */
import { unavailableVerb } from './unavailable.ts';

/** `meram-hdl noise` (not available in this build). */
export const noiseVerb = unavailableVerb(
  'noise',
  'write a noise bank of generator samples',
  'usage: meram-hdl noise [options]\n\nWrites a bank of noise samples from a MeRAM generator for downstream experiments.',
  'the noise-bank writer (experiments/noise) is not part of this build yet',
);
