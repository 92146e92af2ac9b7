// Similarity of embedding vectors: cosine of every pair, and the nearest neighbours of a query.

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  // A zero vector is similar to nothing (and not NaN, which would poison the heatmap).
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The symmetric matrix of cosine similarities; undefined vectors (refused texts) give null rows and columns. */
export function similarityMatrix(vectors: ReadonlyArray<readonly number[] | undefined>): (number | null)[][] {
  const m: (number | null)[][] = vectors.map(() => vectors.map(() => null));
  for (let i = 0; i < vectors.length; i++) {
    const a = vectors[i];
    if (!a) continue;
    m[i]![i] = 1;
    for (let j = i + 1; j < vectors.length; j++) {
      const b = vectors[j];
      if (!b) continue;
      const s = cosine(a, b);
      m[i]![j] = s;
      m[j]![i] = s;
    }
  }
  return m;
}

export interface Neighbour { index: number; similarity: number }

/** The texts ranked by similarity to the query, best first (ties keep input order). */
export function nearestNeighbours(query: readonly number[], vectors: ReadonlyArray<readonly number[] | undefined>, limit = vectors.length): Neighbour[] {
  const out: Neighbour[] = [];
  vectors.forEach((v, index) => { if (v) out.push({ index, similarity: cosine(query, v) }); });
  return out.sort((a, b) => b.similarity - a.similarity || a.index - b.index).slice(0, limit);
}
