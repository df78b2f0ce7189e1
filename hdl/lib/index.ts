/** The standard library of meram-hdl: general-purpose building blocks (nothing device-specific). */
export * from './counter.ts';
export * from './lfsr.ts';
export * from './shift-register.ts';
export * from './popcount.ts';
export * from './fixed-point.ts';
export * from './synchronizer.ts';
export * from './xoshiro.ts';
export * from './health-tests.ts';
export * from './von-neumann.ts';
export * from './encoders.ts';
export * from './uart.ts';
export * from './arbiter.ts';
export * from './cdc.ts';
export * from './ram.ts';
export * from './wrap.ts';
export * from './register-fifo.ts';
export * from './byte-fifo.ts';
