/**
 * The customers report's name order and search rule, kept once: a name (or external id) is compared
 * and searched lower-cased by JavaScript's locale-independent `toLowerCase` (full Unicode case
 * mapping: "É" → "é", "ΑΒ" → "αβ"; CJK has no case and is unchanged; accents are kept, so "é" and
 * "e" differ), then code unit by code unit. The server stores these keys beside each customer
 * (`customer_directory.name_key` / `external_key`, migration 012) so SQL can sort, search and page
 * by them byte-wise with exactly this result.
 */
export function nameKey(text: string): string {
  return text.toLowerCase();
}

/** Whether a customer matches a report search: the lower-cased text is inside its name or external id. */
export function matchesNameSearch(search: string, name: string, externalId: string | null): boolean {
  const key = nameKey(search);
  return nameKey(name).includes(key) || nameKey(externalId ?? '').includes(key);
}
