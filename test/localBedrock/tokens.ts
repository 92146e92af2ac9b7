// The stand-in's token: a maximal run of non-whitespace characters (a whitespace-separated
// word). Usage counts and the maxTokens cut both use this rule; see README.md.

export function countTokens(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}

/** Splits text into tokens that keep their leading whitespace, so joining them gives the text back. */
export function splitTokens(text: string): string[] {
  const tokens = text.match(/\s*\S+/g) ?? [];
  const trailing = /\s+$/.exec(text)?.[0];
  if (trailing && tokens.length > 0) tokens[tokens.length - 1] += trailing;
  return tokens;
}

/** Groups tokens into stream deltas of 1–3 tokens, in a fixed repeating pattern. */
export function deltaGroups(tokens: string[]): string[][] {
  const sizes = [1, 2, 3, 2];
  const out: string[][] = [];
  for (let i = 0, k = 0; i < tokens.length; k++) {
    const n = sizes[k % sizes.length]!;
    out.push(tokens.slice(i, i + n));
    i += n;
  }
  return out;
}

/** A small stable hash (FNV-1a) so replies, images and vectors depend on their input. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
