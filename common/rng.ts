/**
 * Seeded, deterministic random numbers: xoshiro128** (32-bit state words, fast with Math.imul) with counter-based
 * sub-streams. A stream is keyed by (seed, k1, k2, k3): its state is a hash of the key, so the numbers a grid point or
 * a trial sees depend only on its own indices, never on how the work was split across workers or shards.
 */

/**
 * 32-bit finaliser (lowbias32 by C. Wellons): a bijective avalanche mix.
 *
 * @example
 * mix32(1); // a fixed, well-mixed uint32
 */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Hash of a list of non-negative integers (each < 2^53) to 32 bits; order-sensitive.
 *
 * @example
 * hashKey([42, 0, 7]); // a fixed uint32
 */
export function hashKey(words: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const w of words) {
    const lo = w >>> 0;
    const hi = Math.floor(w / 4294967296) >>> 0;
    h = mix32((h ^ lo) + 0x632be5ab);
    h = mix32((h ^ hi) + 0x85157af5);
  }
  return h;
}

const TWO_M32 = 2 ** -32;

/**
 * xoshiro128** generator (Blackman & Vigna). `nextU32` is the reference stream of the hardware threshold decisions;
 * `nextNormal` gives standard normals by the ziggurat method.
 *
 * @example
 * const r = Rng.stream(1234, 5, 6);
 * const u = r.nextU32();      // uniform on 0..2^32-1
 * const z = r.nextNormal();   // N(0, 1)
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A generator whose four state words are given (not all zero). */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /**
   * The independent sub-stream keyed by (seed, ...keys): state word i = hashKey([seed, ...keys, i]).
   *
   * @example
   * const trialRng = Rng.stream(seed, pointIndex, trialIndex);
   */
  static stream(seed: number, ...keys: number[]): Rng {
    const base = [seed, ...keys];
    return new Rng(hashKey([...base, 0]), hashKey([...base, 1]), hashKey([...base, 2]), hashKey([...base, 3]));
  }

  /**
   * A generator seeded from one 32-bit integer, its state expanded with splitmix32 so that nearby seeds give unrelated
   * streams (the seeding of the test and property generators).
   *
   * @example
   * Rng.fromSeed(42).nextU32(); // the same word on every run
   */
  static fromSeed(seed: number): Rng {
    let x = seed >>> 0;
    const splitmix = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    return new Rng(splitmix(), splitmix(), splitmix(), splitmix());
  }

  /** Next uniform unsigned 32-bit integer. */
  nextU32(): number {
    return this.nextI32() >>> 0;
  }

  /** The same output as {@link nextU32}, as a signed 32-bit integer (stays a small integer in V8: faster). */
  nextI32(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform integer in [0, n) (n up to 2^32). */
  below(n: number): number {
    return Math.floor((this.nextU32() / 4294967296) * n);
  }

  /** `width` uniform random bits as an unsigned bigint. */
  bits(width: number): bigint {
    let v = 0n;
    for (let i = 0; i < width; i += 32) v = (v << 32n) | BigInt(this.nextU32());
    return BigInt.asUintN(width, v);
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)]!;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * Standard normal N(0, 1) by the ziggurat method (Marsaglia & Tsang 2000, 128 layers): the low 7 bits of one u32 pick
   * the layer and the other 25 bits, as a signed integer, the abscissa, so index and value never share bits.
   */
  nextNormal(): number {
    const u = this.nextI32();
    const i = u & 127;
    const hz = u >> 7;
    if (Math.abs(hz) < ZIG_K[i]!) return hz * ZIG_W[i]!;
    return this.normalTail(hz, i);
  }

  private normalTail(hz: number, i: number): number {
    for (;;) {
      const x = hz * ZIG_W[i]!;
      if (i === 0) {
        let t: number;
        let y: number;
        do {
          t = -Math.log(this.nextOpen()) / ZIG_R;
          y = -Math.log(this.nextOpen());
        } while (y + y < t * t);
        return hz > 0 ? ZIG_R + t : -ZIG_R - t;
      }
      if (ZIG_F[i]! + this.nextOpen() * (ZIG_F[i - 1]! - ZIG_F[i]!) < Math.exp(-0.5 * x * x)) return x;
      const u = this.nextI32();
      i = u & 127;
      hz = u >> 7;
      if (Math.abs(hz) < ZIG_K[i]!) return hz * ZIG_W[i]!;
    }
  }

  /** Uniform in the open interval (0, 1). */
  private nextOpen(): number {
    return (this.nextU32() + 0.5) * TWO_M32;
  }
}

const ZIG_R = 3.442619855899;
const ZIG_K = new Float64Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
{
  const m1 = 2 ** 24;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  ZIG_K[0] = (dn / q) * m1;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / m1;
  ZIG_W[127] = dn / m1;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    ZIG_K[i + 1] = (dn / tn) * m1;
    tn = dn;
    ZIG_F[i] = Math.exp(-0.5 * dn * dn);
    ZIG_W[i] = dn / m1;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
