/** The value at `key`, created with `make` and stored first when absent. */
export function getOrInsert<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const created = make();
  map.set(key, created);
  return created;
}

/**
 * Three-way comparison (-1, 0, 1) with `<` and `>`: strings in code-unit order (the same on every
 * engine and locale, unlike localeCompare), numbers and bigints by value (exact across the two).
 */
export function compareCodeUnits(a: string, b: string): -1 | 0 | 1;
export function compareCodeUnits(a: number | bigint, b: number | bigint): -1 | 0 | 1;
export function compareCodeUnits(a: string | number | bigint, b: string | number | bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
