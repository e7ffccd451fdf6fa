// The one text rule: text is refused wherever it is accepted when it holds a NUL character (Postgres
// cannot store U+0000 in text or jsonb) or an unpaired UTF-16 surrogate (not a character at all: it
// cannot be encoded as UTF-8, and a split emoji from a careless truncation is the usual source).
// No dependencies, so content scripts can import truncateText without growing.

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const BAD_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` is not acceptable text, or null when it is. */
export function textProblem(s: string): string | null {
  const m = BAD_TEXT.exec(s);
  if (!m) return null;
  if (m[0] === '\0') return `contains a NUL character (U+0000) at position ${m.index}`;
  const unit = m[0].charCodeAt(0).toString(16).toUpperCase();
  return `contains an unpaired surrogate (U+${unit}) at position ${m.index}: a broken character`;
}

export interface BadText {
  /** Where the bad string sits, e.g. ['contacts', 2, 'name']; a bad object key is reported at its own path. */
  path: (string | number)[];
  message: string;
}

// A parsed "__proto__" key becomes an object's prototype as soon as any code copies it: refused too.
const RESERVED_KEY = 'is reserved: "__proto__" would replace the prototype of the object it is copied to';

interface Visit {
  v: unknown;
  key: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The first string (value or object key) in a JSON-like value that breaks the text rule, or a key named
 * "__proto__", depth first;
 * null when there is none. Iterative with parent links (no path copies), so deep nesting costs linear
 * time and cannot overflow the stack.
 */
export function findBadText(value: unknown): BadText | null {
  // The common case, clean text, is answered without allocating; any doubt takes the walk.
  return isClean(value, 0) ? null : walkBadText(value);
}

/** findBadText's walk without its clean-text shortcut (exported for the test that holds them equal). */
export function walkBadText(value: unknown): BadText | null {
  const stack: Visit[] = [{ v: value, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { v } = visit;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { path: pathOf(visit), message: problem };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: visit });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        const keyProblem = k === '__proto__' ? RESERVED_KEY : textProblem(k);
        if (keyProblem) return { path: [...pathOf(visit), k], message: `the key ${keyProblem}` };
        stack.push({ v: child, key: k, parent: visit });
      }
    }
  }
  return null;
}

/** Nesting deeper than this is left to findBadText's iterative walk (no deep recursion here). */
const CLEAN_DEPTH = 64;

/**
 * True when findBadText would find nothing: the same rule (textProblem on every string and own key,
 * no "__proto__" key) checked recursively without building visits, paths or entry lists. False means
 * "not known clean" (a problem, or nesting deeper than CLEAN_DEPTH).
 */
function isClean(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return !BAD_TEXT.test(v);
  if (v === null || typeof v !== 'object') return true;
  if (depth >= CLEAN_DEPTH) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!isClean(v[i], depth + 1)) return false;
    return true;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    if (k === '__proto__' || BAD_TEXT.test(k) || !isClean(o[k], depth + 1)) return false;
  }
  return true;
}

/**
 * The first `max` UTF-16 units of `s`, cut back by one when the cut would split a surrogate pair, so a
 * truncated subject or snippet never ends in half an emoji.
 */
export function truncateText(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
