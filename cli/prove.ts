/**
 * `meram-hdl prove`: formal verification of a design's properties. The formal flow is being built; until it lands the
 * verb is registered and says so. To wire it: import the prover here and replace `unavailableVerb(...)`.
 */
import { unavailableVerb } from './unavailable.ts';

/** `meram-hdl prove` (not available in this build). */
export const proveVerb = unavailableVerb(
  'prove',
  'prove properties of a design formally',
  'usage: meram-hdl prove FILE.ts [options]\n\nProves the assertions of a design formally (bounded and inductive).',
  'formal verification is not part of this build yet',
);
