// The message-catalogue translator both UIs use (extension pages and content scripts, the dashboard).
// Pure and dependency-free: content scripts and the dashboard import it without pulling in zod.

export type Params = Record<string, string | number>;

/** Keys that come in plural forms ("x.one", "x.other"), named without the form. */
export type PluralKeyOf<K extends string> = { [P in K]: P extends `${infer Base}.other` ? Base : never }[K];

export interface Translator<K extends string, L extends string> {
  (key: K, params?: Params): string;
  /** The form for `count` (Intl.PluralRules), with {count} filled in. */
  plural(key: PluralKeyOf<K>, count: number, params?: Params): string;
  readonly lang: L;
  /** The language's catalogue (e.g. to check whether an optional key exists). */
  readonly catalogue: Readonly<Record<K, string>>;
}

/** A translator for one language; {name} placeholders are filled from params (numbers localised). */
export function createTranslator<K extends string, L extends string>(
  lang: L,
  catalogue: Readonly<Record<K, string>>,
): Translator<K, L> {
  const numbers = new Intl.NumberFormat(lang);
  const rules = new Intl.PluralRules(lang);
  const fill = (text: string, params: Params = {}) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      return v === undefined ? whole : typeof v === 'number' ? numbers.format(v) : v;
    });
  const t = ((key: K, params?: Params) => fill(catalogue[key], params)) as Translator<K, L>;
  t.plural = (key, count, params) => {
    const form = `${key}.${rules.select(count)}` as K;
    return fill(catalogue[form] ?? catalogue[`${key}.other` as K], { ...params, count });
  };
  Object.assign(t, { lang, catalogue });
  return t;
}
