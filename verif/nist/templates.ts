/** SP 800-22 §2.7 non-overlapping and §2.8 overlapping template matching tests. */
import { InsufficientDataError, InvalidParameterError } from '../errors.ts';
import { igamc, lgamma } from '../stats/special.ts';
import { bitsFromString, checkBits, nistResult, requireBits, type Bits, type NistResult } from './common.ts';

/** True if the m-bit template (MSB = first bit) overlaps itself at some shift (then matches can overlap). */
function isPeriodic(t: number, m: number): boolean {
  for (let s = 1; s < m; s++) {
    const len = m - s;
    const mask = (1 << len) - 1;
    if ((t & mask) === t >>> s) return true; // last len bits equal first len bits
  }
  return false;
}

/**
 * All aperiodic templates of length m (those no match of which can overlap another), in increasing binary order, as
 * the reference implementation lists them (148 for m = 9, 284 for m = 10).
 *
 * @example
 * aperiodicTemplates(3).map((t) => t.join('')); // ['001', '011', '100', '110']
 */
export function aperiodicTemplates(m: number): Bits[] {
  if (!Number.isInteger(m) || m < 2 || m > 21) throw new InvalidParameterError(`template length must be in 2..21, got ${m}`);
  const out: Bits[] = [];
  for (let t = 0; t < 1 << m; t++) {
    if (isPeriodic(t, m)) continue;
    const b = new Uint8Array(m);
    for (let j = 0; j < m; j++) b[j] = (t >>> (m - 1 - j)) & 1;
    out.push(b);
  }
  return out;
}

function templateValue(t: Bits): number {
  let v = 0;
  for (let j = 0; j < t.length; j++) v = (v << 1) | t[j]!;
  return v;
}

/** Statistic and p-value from per-block counts W_j (§2.7.4 steps 3-5). */
function nonOverlappingFromCounts(W: ArrayLike<number>, M: number, m: number): { chi: number; p: number } {
  const N = W.length;
  const mu = (M - m + 1) / 2 ** m;
  const sigma2 = M * (1 / 2 ** m - (2 * m - 1) / 2 ** (2 * m));
  let chi = 0;
  for (let j = 0; j < N; j++) chi += (W[j]! - mu) ** 2 / sigma2;
  return { chi, p: igamc(N / 2, chi / 2) };
}

/** Result of the non-overlapping template test for one template. */
export interface NonOverlappingResult extends NistResult {
  readonly template: string;
  /** Matches per block. */
  readonly counts: readonly number[];
}

/**
 * §2.7 Non-overlapping template matching for one template: the stream is cut into N blocks of M = floor(n/N) bits;
 * in each block the template is searched, the window jumping past each match.
 *
 * @example
 * nonOverlappingTemplateTest(bitsFromString('10100100101110010110'), '001', 2).pValue; // 0.344154
 */
export function nonOverlappingTemplateTest(bits: Bits, template: Bits | string, blocks = 8): NonOverlappingResult {
  checkBits(bits, 'non-overlapping template');
  const t = typeof template === 'string' ? bitsFromString(template) : template;
  const m = t.length;
  if (m < 2 || m > 21) throw new InvalidParameterError(`template length must be in 2..21, got ${m}`);
  const M = Math.floor(bits.length / blocks);
  if (M < m) throw new InsufficientDataError(`non-overlapping template: blocks of ${M} bits are shorter than the template`);
  const tv = templateValue(t);
  const mask = (1 << m) - 1;
  const W = new Array<number>(blocks).fill(0);
  for (let b = 0; b < blocks; b++) {
    const base = b * M;
    let i = 0;
    while (i <= M - m) {
      let v = 0;
      for (let j = 0; j < m; j++) v = (v << 1) | bits[base + i + j]!;
      if ((v & mask) === tv) {
        W[b]!++;
        i += m;
      } else i++;
    }
  }
  const { chi, p } = nonOverlappingFromCounts(W, M, m);
  return { ...nistResult('non-overlapping-template', chi, p, {}), template: Array.from(t).join(''), counts: W };
}

/**
 * §2.7 for every aperiodic template of length m at once (the reference battery). Matches of an aperiodic template
 * never overlap, so one pass that histograms all m-bit windows per block gives every template's counts: O(n + 2^m N).
 *
 * @example
 * nonOverlappingTemplateBattery(eBits(1_000_000), 9)[0].pValue; // 0.078790 (template 000000001)
 */
export function nonOverlappingTemplateBattery(bits: Bits, m = 9, blocks = 8): NonOverlappingResult[] {
  checkBits(bits, 'non-overlapping template');
  const templates = aperiodicTemplates(m);
  const M = Math.floor(bits.length / blocks);
  if (M < m) throw new InsufficientDataError(`non-overlapping template: blocks of ${M} bits are shorter than the template`);
  const size = 1 << m;
  const mask = size - 1;
  const hist = new Uint32Array(blocks * size);
  for (let b = 0; b < blocks; b++) {
    const base = b * M;
    let v = 0;
    for (let j = 0; j < m - 1; j++) v = (v << 1) | bits[base + j]!;
    const h = b * size;
    for (let i = 0; i <= M - m; i++) {
      v = ((v << 1) | bits[base + i + m - 1]!) & mask;
      hist[h + v]!++;
    }
  }
  return templates.map((t) => {
    const tv = templateValue(t);
    const W = Array.from({ length: blocks }, (_, b) => hist[b * size + tv]!);
    const { chi, p } = nonOverlappingFromCounts(W, M, m);
    return { ...nistResult('non-overlapping-template', chi, p, {}), template: Array.from(t).join(''), counts: W };
  });
}

/**
 * Probability that the all-ones template of length m occurs exactly u times (overlapping) in a block, in the
 * compound-Poisson approximation of the reference code (`Pr(u, η)`, η = (M - m + 1) / 2^(m+1)), which its published
 * p-values use. (The §2.8 text's corrected values 0.364091, 0.185659, ... for m = 9, M = 1032 are Hamano & Kaneko's;
 * with them the §2.8.8 example gives 0.156243 instead of the published 0.110434.)
 */
function overlapProbability(u: number, eta: number): number {
  if (u === 0) return Math.exp(-eta);
  let sum = 0;
  for (let l = 1; l <= u; l++) {
    sum += Math.exp(-eta - u * Math.LN2 + l * Math.log(eta) - lgamma(l + 1) + lgamma(u) - lgamma(l) - lgamma(u - l + 1));
  }
  return sum;
}

/**
 * Class probabilities π_0..π_5 (0, 1, 2, 3, 4, >= 5 matches of the all-ones template of length m in a block of M bits)
 * used by {@link overlappingTemplateTest}.
 *
 * @example
 * overlappingTemplateProbabilities(2, 10); // [0.324652, 0.182617, 0.142670, 0.106645, 0.077147, 0.166269] (§2.8.4)
 */
export function overlappingTemplateProbabilities(m: number, blockSize: number): number[] {
  const eta = (blockSize - m + 1) / 2 ** m / 2;
  const probabilities: number[] = [];
  let sum = 0;
  for (let u = 0; u < 5; u++) {
    probabilities.push(overlapProbability(u, eta));
    sum += probabilities[u]!;
  }
  probabilities.push(1 - sum);
  return probabilities;
}

/**
 * §2.8 Overlapping template matching of the all-ones template of length m in blocks of M bits: counts of blocks with
 * 0, 1, ..., 4, >= 5 matches against their probabilities, p = igamc(5/2, χ²/2).
 *
 * @example
 * overlappingTemplateTest(eBits(1_000_000)).pValue; // 0.110434
 */
export function overlappingTemplateTest(
  bits: Bits,
  m = 9,
  blockSize = 1032,
): NistResult & { counts: readonly number[]; probabilities: readonly number[] } {
  checkBits(bits, 'overlapping template');
  if (!Number.isInteger(m) || m < 2 || m > 30) throw new InvalidParameterError(`template length must be in 2..30, got ${m}`);
  if (!Number.isInteger(blockSize) || blockSize < m) throw new InvalidParameterError(`block size must be >= m, got ${blockSize}`);
  const K = 5;
  const N = Math.floor(bits.length / blockSize);
  requireBits(bits.length, blockSize, 'overlapping template');
  const counts = new Array<number>(K + 1).fill(0);
  for (let b = 0; b < N; b++) {
    const base = b * blockSize;
    let run = 0;
    let W = 0;
    // An all-ones window ends at every position where the current run of ones has length >= m.
    for (let j = 0; j < blockSize; j++) {
      if (bits[base + j]) {
        run++;
        if (run >= m) W++;
      } else run = 0;
    }
    counts[Math.min(W, K)]!++;
  }
  const probabilities = overlappingTemplateProbabilities(m, blockSize);
  let chi = 0;
  for (let i = 0; i <= K; i++) chi += (counts[i]! - N * probabilities[i]!) ** 2 / (N * probabilities[i]!);
  return nistResult('overlapping-template', chi, igamc(K / 2, chi / 2), { counts, probabilities });
}
