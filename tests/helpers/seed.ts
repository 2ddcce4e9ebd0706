// Randomness for fuzz and fault tests from one seed: printed, and taken from SEED=… to replay a failure.
import * as prng from "lib0/prng";

/** SEED from the environment, else a fresh one; printed to stderr with `label`. */
export function testSeed(label: string): number {
  const seed = process.env.SEED ? Number(process.env.SEED) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`SEED must be an integer (got ${process.env.SEED})`);
  process.stderr.write(`${label}: SEED=${seed}\n`);
  return seed;
}

/** A generator of numbers in [0, 1), like Math.random, drawn from `seed`. */
export function seededRandom(seed: number): () => number {
  const gen = prng.create(seed);
  return () => prng.real53(gen);
}
