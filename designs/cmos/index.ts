/**
 * CMOS Gaussian-noise baselines, built in the HDL like the MeRAM generators and synthesized the same way: a uniform
 * PRNG (leap-forward LFSR or xoshiro128**) feeding a central-limit adder, and a pipelined inverse-CDF table matching
 * the tree sampler's 8-bit output. Each comes with its exact law, for the same two-step statistics battery.
 * @example
 * import { cmosClt, cmosCltPmf } from './designs/cmos/index.ts';
 * const top = cmosClt({ prng: 'xoshiro' }); const law = cmosCltPmf({ prng: 'xoshiro' });
 */
export * from './uniform.ts';
export * from './clt.ts';
export * from './inverse-cdf.ts';
export * from './box-muller.ts';
