import { describe, expect, it } from 'vitest';
import { clusterBySilhouette, kmeans, seededRandom, silhouette, standardise } from './kmeans.ts';

describe('standardise', () => {
  it('turns columns into z-scores', () => {
    // Column 1: 1, 2, 3 -> mean 2, population sd √(2/3) = 0.8165 -> −1.2247, 0, 1.2247. Column 2 constant -> 0.
    const { points, means, sds } = standardise([
      [1, 5],
      [2, 5],
      [3, 5],
    ]);
    expect(means).toEqual([2, 5]);
    expect(sds[1]).toBe(0);
    expect(points.map((p) => p[0])).toEqual([-1 / Math.sqrt(2 / 3), 0, 1 / Math.sqrt(2 / 3)]);
    expect(points.map((p) => p[1])).toEqual([0, 0, 0]);
  });
});

describe('kmeans', () => {
  // Two tight groups on a line: {0, 1} and {10, 11}.
  const points = [[0], [1], [10], [11]];

  it('finds the obvious two clusters, the same way every run', () => {
    const c = kmeans(points, 2);
    expect(c.labels[0]).toBe(c.labels[1]);
    expect(c.labels[2]).toBe(c.labels[3]);
    expect(c.labels[0]).not.toBe(c.labels[2]);
    // Centroids are the group means 0.5 and 10.5.
    expect(c.centroids.map((x) => x[0]).sort((a, b) => (a as number) - (b as number))).toEqual([0.5, 10.5]);
    expect(kmeans(points, 2)).toEqual(c);
    expect(() => kmeans(points, 5)).toThrow(/k must be/);
  });

  it('scores silhouettes as hand-computed', () => {
    // Labels {0,1} | {10,11}. Point 0: a = 1, b = (10 + 11) / 2 = 10.5 -> 9.5 / 10.5.
    // Point 1: a = 1, b = (9 + 10) / 2 = 9.5 -> 8.5 / 9.5; points 10 and 11 mirror 1 and 0.
    const s = silhouette(points, [0, 0, 1, 1]);
    expect(s).toBeCloseTo((2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4, 12);
    // A bad split {0} | {1, 10, 11}: point 0 alone scores 0; point 1: a = (9 + 10) / 2 = 9.5, b = 1 -> −0.8947.
    expect(silhouette(points, [0, 1, 1, 1])).toBeLessThan(s);
  });

  it('chooses k by silhouette', () => {
    // Three groups of three: k = 3 separates them best.
    const three = [[0], [0.1], [0.2], [5], [5.1], [5.2], [10], [10.1], [10.2]];
    const chosen = clusterBySilhouette(three, 2, 4);
    expect(chosen?.k).toBe(3);
    expect(chosen?.tried.map((t) => t.k)).toEqual([2, 3, 4]);
    expect(clusterBySilhouette([[1]])).toBeNull();
  });

  it('fits on an even sample above fitAtMost and labels every point by its nearest centroid', () => {
    // Sample every ⌈6 / 3⌉ = 2nd point: [0], [10], [0.5] -> clusters {0, 0.5} and {10}; then 1 and
    // 0.5 join 0's cluster, 11 and 10.5 join 10's.
    const six = [[0], [1], [10], [11], [0.5], [10.5]];
    const c = clusterBySilhouette(six, 2, 2, 42, 3);
    expect(c?.labels).toHaveLength(6);
    const [a, b] = [c?.labels[0], c?.labels[2]];
    expect(a).not.toBe(b);
    expect(c?.labels).toEqual([a, a, b, b, a, b]);
    expect(c?.centroids.map((x) => x[0]).sort((p, q) => (p as number) - (q as number))).toEqual([0.25, 10]);
  });

  it('draws the same numbers from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});
