import { inverseNormCdf } from '@deltastream/core/math';

/**
 * Seeded pseudo-random numbers for the simulator: the same seed gives the same stream on every
 * platform, so a seeded session can be reproduced exactly.
 *
 * Generator: xoshiro128** 1.0 (D. Blackman, S. Vigna, "Scrambled Linear Pseudorandom Number
 * Generators", ACM Trans. Math. Softw. 47(4), 2021; reference code at https://prng.di.unimi.it/),
 * 32-bit state words so it runs on plain JavaScript integer arithmetic. Its 128-bit state is filled
 * by SplitMix32 (a Weyl sequence with step 0x9e3779b9 through the MurmurHash3 fmix32 finaliser),
 * as the authors recommend, so that close seeds give unrelated streams.
 */
export interface Random {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal, Φ⁻¹ of a uniform on the open interval (0, 1): one draw per value, no caching. */
  normal(): number;
  /** Poisson with the given mean (≥ 0). */
  poisson(mean: number): number;
}

const TWO_POW_32 = 4_294_967_296;

/** MurmurHash3's 32-bit finaliser (A. Appleby, smhasher): every input bit flips each output bit with p ≈ ½. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * A 32-bit seed for one named stream of a session: every product draws from its own stream, so
 * filtering the product list does not change the paths of the products that remain.
 */
export function deriveSeed(seed: number, label: string): number {
  // FNV-1a (Fowler, Noll, Vo) over the UTF-16 code units of the label.
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return fmix32((seed >>> 0) ^ fmix32(hash));
}

// Below this mean Knuth's multiplication method is cheap (about mean + 1 uniforms); above it the
// normal approximation N(λ, λ) is within a few per cent of the Poisson law in every quantile we use.
const POISSON_NORMAL_APPROXIMATION_MEAN = 30;

/**
 * The xoshiro128** 1.0 generator from an explicit 128-bit state (not all zero), as in the reference
 * code: each call returns the next 32-bit output as an unsigned integer.
 */
export function xoshiro128StarStar(state: readonly [number, number, number, number]): () => number {
  let [s0, s1, s2, s3] = state.map((word) => word >>> 0) as [number, number, number, number];
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };
}

export function createRandom(seed: number): Random {
  let weyl = seed >>> 0;
  const splitMix32 = () => {
    weyl = (weyl + 0x9e3779b9) >>> 0;
    return fmix32(weyl);
  };
  const nextUint32 = xoshiro128StarStar([splitMix32(), splitMix32(), splitMix32(), splitMix32()]);

  const uniform = () => nextUint32() / TWO_POW_32;
  const normal = () => inverseNormCdf((nextUint32() + 0.5) / TWO_POW_32);

  return {
    uniform,
    normal,
    poisson(mean) {
      if (!(mean > 0)) return 0;
      if (mean >= POISSON_NORMAL_APPROXIMATION_MEAN)
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      // Knuth, The Art of Computer Programming, vol. 2, 3rd ed., §3.4.1 F: multiply uniforms until the
      // product drops below e^{−λ}.
      const limit = Math.exp(-mean);
      let count = 0;
      for (let product = uniform(); product > limit; product *= uniform()) count += 1;
      return count;
    },
  };
}
