/**
 * k-means on standardised features, written here (about 60 lines) rather than taken from
 * `ml-kmeans`: that package pulls in ml-matrix and three more ml-* packages, this module is
 * bundled with shared code that the extension also imports, and we need a silhouette score it
 * does not provide anyway. Deterministic: k-means++ seeding from a fixed-seed PRNG (mulberry32),
 * then Lloyd iterations until no point moves (at most 100).
 */

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
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

/**
 * Each column as z-scores: (x − mean) / population standard deviation; a constant column becomes
 * all 0. Returns the means and deviations so a UI can read centroids back in real units.
 */
export function standardise(rows: readonly (readonly number[])[]): {
  points: number[][];
  means: number[];
  sds: number[];
} {
  const d = rows[0]?.length ?? 0;
  const n = rows.length;
  const means = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + (r[j] as number), 0) / n);
  const sds = means.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + ((r[j] as number) - m) ** 2, 0) / n));
  const points = rows.map((r) =>
    r.map((x, j) => ((sds[j] as number) === 0 ? 0 : (x - (means[j] as number)) / (sds[j] as number))),
  );
  return { points, means, sds };
}

function dist2(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += ((a[j] as number) - (b[j] as number)) ** 2;
  return s;
}

function nearest(p: readonly number[], centroids: readonly number[][]): number {
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i < centroids.length; i++) {
    const d = dist2(p, centroids[i] as number[]);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

export interface Clustering {
  k: number;
  labels: number[];
  centroids: number[][];
  iterations: number;
}

export const KMEANS_SEED = 42;

/** k-means++ then Lloyd; deterministic for a given seed. Needs 1 ≤ k ≤ number of points. */
export function kmeans(points: readonly number[][], k: number, seed = KMEANS_SEED): Clustering {
  if (!Number.isInteger(k) || k < 1 || k > points.length)
    throw new RangeError(`k must be 1–${points.length} (the number of points), got ${k}`);
  const random = seededRandom(seed);
  const centroids: number[][] = [[...(points[Math.floor(random() * points.length)] as number[])]];
  const d2 = points.map((p) => dist2(p, centroids[0] as number[]));
  while (centroids.length < k) {
    const total = d2.reduce((a, b) => a + b, 0);
    let target = random() * total;
    let pick = points.length - 1;
    for (let i = 0; i < d2.length; i++) {
      target -= d2[i] as number;
      if (target < 0) {
        pick = i;
        break;
      }
    }
    const c = [...(points[pick] as number[])];
    centroids.push(c);
    points.forEach((p, i) => {
      d2[i] = Math.min(d2[i] as number, dist2(p, c));
    });
  }
  const labels = points.map((p) => nearest(p, centroids));
  let iterations = 0;
  const dims = points[0]?.length ?? 0;
  for (; iterations < 100; iterations++) {
    const sums = centroids.map(() => new Float64Array(dims));
    const counts = new Int32Array(k);
    for (let i = 0; i < points.length; i++) {
      const l = labels[i] as number;
      const p = points[i] as number[];
      const sum = sums[l] as Float64Array;
      counts[l] = (counts[l] as number) + 1;
      for (let j = 0; j < dims; j++) sum[j] = (sum[j] as number) + (p[j] as number);
    }
    // An emptied cluster keeps its old centroid.
    for (let c = 0; c < k; c++) {
      const n = counts[c] as number;
      if (n > 0) centroids[c] = Array.from(sums[c] as Float64Array, (x) => x / n);
    }
    let moved = false;
    for (let i = 0; i < points.length; i++) {
      const l = nearest(points[i] as number[], centroids);
      if (l !== labels[i]) {
        labels[i] = l;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return { k, labels, centroids, iterations };
}

/**
 * Mean silhouette (−1…1; higher = tighter, better separated clusters) of a labelling: for each
 * point, a = mean distance to its own cluster, b = the least mean distance to another cluster,
 * s = (b − a) / max(a, b), 0 for a point alone in its cluster. O(n²): above `sample` points it is
 * computed on every ⌈n / sample⌉-th point against the same sample (deterministic).
 */
export function silhouette(points: readonly number[][], labels: readonly number[], sample = 1500): number {
  const idx = evenSample(
    points.map((_, i) => i),
    sample,
  );
  const k = Math.max(0, ...idx.map((i) => labels[i] as number)) + 1;
  const sums = new Float64Array(k);
  const counts = new Int32Array(k);
  let total = 0;
  for (const i of idx) {
    sums.fill(0);
    counts.fill(0);
    const p = points[i] as number[];
    for (const j of idx) {
      if (i === j) continue;
      const l = labels[j] as number;
      sums[l] = (sums[l] as number) + Math.sqrt(dist2(p, points[j] as number[]));
      counts[l] = (counts[l] as number) + 1;
    }
    const own = labels[i] as number;
    if (counts[own] === 0) continue; // alone in its cluster: s = 0
    const a = (sums[own] as number) / (counts[own] as number);
    let b = Number.POSITIVE_INFINITY;
    for (let l = 0; l < k; l++)
      if (l !== own && (counts[l] as number) > 0)
        b = Math.min(b, (sums[l] as number) / (counts[l] as number));
    if (b === Number.POSITIVE_INFINITY) continue;
    const m = Math.max(a, b);
    total += m === 0 ? 0 : (b - a) / m;
  }
  return idx.length === 0 ? 0 : total / idx.length;
}

export interface ChosenClustering extends Clustering {
  silhouette: number;
  /** The silhouette of every k tried, for the report. */
  tried: { k: number; silhouette: number }[];
}

/** Every ⌈n / most⌉-th point (all of them when n ≤ most): a deterministic, evenly spread sample. */
export function evenSample<T>(items: readonly T[], most: number): T[] {
  const step = Math.max(1, Math.ceil(items.length / most));
  return items.filter((_, i) => i % step === 0);
}

/**
 * k-means for k = kMin…kMax (capped by the number of points); the k with the best silhouette wins
 * (ties: smaller k). Above `fitAtMost` points the centroids are fitted on an even sample of that
 * size and every point is then labelled by its nearest centroid, so 100k customers cost about as
 * much as 10k.
 */
export function clusterBySilhouette(
  points: readonly number[][],
  kMin = 2,
  kMax = 6,
  seed = KMEANS_SEED,
  fitAtMost = 10_000,
): ChosenClustering | null {
  const fit = evenSample(points, fitAtMost);
  let best: Clustering | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  const tried: { k: number; silhouette: number }[] = [];
  for (let k = kMin; k <= Math.min(kMax, fit.length - 1); k++) {
    const c = kmeans(fit, k, seed);
    const s = silhouette(fit, c.labels);
    tried.push({ k, silhouette: s });
    if (best === null || s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  if (best === null) return null;
  const centroids = best.centroids;
  const labels = fit.length === points.length ? best.labels : points.map((p) => nearest(p, centroids));
  return { ...best, labels, silhouette: bestScore, tried };
}
