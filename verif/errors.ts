/**
 * Typed errors of the verification library. Each cause has its own class so callers can tell a bad argument from a
 * sample too small for the test they asked for.
 */
import { MeramError } from '../common/errors.ts';

/** Base class of errors raised by `verif/`. */
export class VerifError extends MeramError {}

/** A parameter is out of its documented range (a probability outside [0, 1], a non-integer bit count, ...). */
export class InvalidParameterError extends VerifError {}

/** A probability mass function is malformed: negative or non-finite masses, or masses that do not sum to 1. */
export class InvalidDistributionError extends VerifError {}

/** Two lattice distributions cannot be compared: their value grids (origin and step) differ. */
export class LatticeMismatchError extends VerifError {}

/** The sample is too small (or too degenerate) for the requested test to mean anything. */
export class InsufficientDataError extends VerifError {}

/** A bit stream holds a value other than 0 or 1. */
export class NotABitStreamError extends VerifError {}

/**
 * A test for continuous distributions (Kolmogorov-Smirnov, Anderson-Darling) was given a null with an atom (a step of
 * the CDF) at a sample value: its statistic and null distribution do not hold for lattice data. Test lattice codes
 * against their pmf with `chiSquareGof` instead.
 */
export class DiscreteNullError extends VerifError {}
