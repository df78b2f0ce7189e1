/**
 * The MeRAM Gaussian-noise generators: MTJ and sense-amplifier macros with behavioural models, the pulse controller
 * and readout sequencer, three generator architectures and the calibration flow that builds them from device physics.
 */
export * from './pins.ts';
export * from './models.ts';
export * from './cell-array.ts';
export * from './controller.ts';
export * from './word.ts';
export * from './clt.ts';
export * from './tree.ts';
export * from './calibration.ts';
export * from './plans.ts';
export * from './timing.ts';
export * from './word-search.ts';
export * from './health.ts';
export * from './clt-model.ts';
export * from './faults.ts';
export * from './tracking.ts';
