import type { z } from 'zod';

/**
 * Accept-only validators compiled from zod schemas (issue #10, fourth round).
 *
 * `acceptor(schema)` walks the schema's own definition once and returns a function that answers either
 * "valid, and here is the value zod would produce" or UNSURE. It never holds a rule of its own: every
 * limit, pattern, refinement and normalisation is the schema's check object, run in the schema's order
 * exactly as zod runs it (`_zod.check` on a `{ value, issues }` payload, honouring `when`). What it
 * skips is zod's machinery around them: a payload object and issue array per node, the object parser's
 * property bookkeeping, the error paths. Anything it cannot model exactly — an issue raised by a check,
 * a key the shape does not list, `__proto__`, an inherited or undefined property, a non-plain object,
 * an async check, a thrown error, a node type it does not know — is UNSURE, and the caller runs zod
 * (so rejections and their messages stay zod's). Being stricter than zod is always safe; accepting
 * something zod rejects, or producing another value, is the bug `accept.test.ts` hunts with generated
 * valid, mutated and hostile inputs.
 */
export const UNSURE: unique symbol = Symbol('accept.unsure');
export type Acceptor = (value: unknown) => unknown;

interface Check {
  _zod: {
    check: (payload: { value: unknown; issues: unknown[] }) => unknown;
    def: { when?: (payload: { value: unknown; issues: unknown[] }) => boolean };
  };
}

interface Internals {
  def: {
    type: string;
    checks?: Check[];
    coerce?: boolean;
    shape?: Record<string, z.ZodType>;
    catchall?: z.ZodType;
    element?: z.ZodType;
    innerType?: z.ZodType;
    options?: z.ZodType[];
  };
  traits: Set<string>;
  values?: Set<unknown>;
  optin?: string;
  optout?: string;
}

const internals = (schema: z.ZodType) => (schema as unknown as { _zod: Internals })._zod;

const compiled = new WeakMap<z.ZodType, Acceptor>();

/** The accept-only validator of `schema` (built once per schema object). */
export function acceptor(schema: z.ZodType): Acceptor {
  let fn = compiled.get(schema);
  if (!fn) {
    const inner = compile(schema);
    fn = (value) => {
      try {
        return inner(value);
      } catch {
        return UNSURE; // zod's own run will throw (or report) the same thing
      }
    };
    compiled.set(schema, fn);
  }
  return fn;
}

/** zod's answer for a node the compiler does not model: its own parse of that node alone. */
function viaZod(schema: z.ZodType): Acceptor {
  return (value) => {
    const r = schema.safeParse(value);
    return r.success ? r.data : UNSURE;
  };
}

/** The node's checks as zod runs them (the node itself first when it is also a check, like z.iso.datetime). */
function checksOf(schema: z.ZodType): Check[] {
  const zod = internals(schema);
  const own = zod.def.checks ?? [];
  return zod.traits.has('$ZodCheck') ? [schema as unknown as Check, ...own] : [...own];
}

function withChecks(schema: z.ZodType, parse: Acceptor): Acceptor {
  const checks = checksOf(schema);
  if (checks.length === 0) return parse;
  // One payload per node, reused: a check runs synchronously and an issue ends the run (UNSURE), so
  // nothing outlives it. A check that re-enters the same node (none of ours does) gets a fresh one.
  const shared = { value: undefined as unknown, issues: [] as unknown[] };
  let busy = false;
  return (value) => {
    const parsed = parse(value);
    if (parsed === UNSURE) return UNSURE;
    const reuse = !busy;
    const payload = reuse ? shared : { value: undefined as unknown, issues: [] as unknown[] };
    payload.value = parsed;
    busy = true;
    try {
      for (const ch of checks) {
        const when = ch._zod.def.when;
        if (when && !when(payload)) continue;
        const out = ch._zod.check(payload);
        if (out instanceof Promise || payload.issues.length > 0) return UNSURE;
      }
      return payload.value;
    } finally {
      if (reuse) {
        busy = false;
        shared.value = undefined;
        shared.issues.length = 0;
      }
    }
  };
}

function compile(schema: z.ZodType): Acceptor {
  const zod = internals(schema);
  const def = zod.def;
  if (def.coerce) return viaZod(schema);
  switch (def.type) {
    case 'string':
      return withChecks(schema, (v) => (typeof v === 'string' ? v : UNSURE));
    case 'boolean':
      return withChecks(schema, (v) => (typeof v === 'boolean' ? v : UNSURE));
    case 'number':
      return withChecks(schema, (v) => (typeof v === 'number' && Number.isFinite(v) ? v : UNSURE));
    case 'null':
      return withChecks(schema, (v) => (v === null ? v : UNSURE));
    case 'unknown':
    case 'any':
      // zod passes the value through as it is (the same reference); undefined is left to the object.
      return withChecks(schema, (v) => (v === undefined ? UNSURE : v));
    case 'enum':
    case 'literal': {
      const values = zod.values;
      if (!values) return viaZod(schema);
      return withChecks(schema, (v) => (values.has(v) ? v : UNSURE));
    }
    case 'nullable': {
      const inner = compile(def.innerType as z.ZodType);
      return withChecks(schema, (v) => (v === null ? null : inner(v)));
    }
    case 'optional': {
      // An undefined value (absent key) is decided by the object; here only present values pass.
      const inner = compile(def.innerType as z.ZodType);
      return withChecks(schema, (v) => (v === undefined ? UNSURE : inner(v)));
    }
    case 'array': {
      const element = compile(def.element as z.ZodType);
      return withChecks(schema, (v) => {
        if (!Array.isArray(v)) return UNSURE;
        const out = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          if (!Object.hasOwn(v, i)) return UNSURE;
          const e = element(v[i]);
          if (e === UNSURE || e === undefined) return UNSURE;
          out[i] = e;
        }
        return out;
      });
    }
    case 'union': {
      // zod returns the first option that passes: an option this cannot decide is asked of zod.
      const options = (def.options ?? []).map((o) => ({ fast: compile(o), schema: o }));
      return withChecks(schema, (v) => {
        for (const o of options) {
          const r = o.fast(v);
          if (r !== UNSURE) return r;
          const full = o.schema.safeParse(v);
          if (full.success) return full.data;
        }
        return UNSURE;
      });
    }
    case 'object':
      return compileObject(schema);
    default:
      return viaZod(schema);
  }
}

function compileObject(schema: z.ZodType): Acceptor {
  const def = internals(schema).def;
  const shape = def.shape ?? {};
  // Strict (catchall never) or strip (no catchall); a passthrough or typed catchall is zod's.
  const catchall = def.catchall ? internals(def.catchall).def.type : null;
  if ((catchall !== null && catchall !== 'never') || Object.getOwnPropertySymbols(shape).length > 0)
    return viaZod(schema);
  const keys = Object.keys(shape);
  if (keys.includes('__proto__')) return viaZod(schema);
  const props = keys.map((key) => {
    const prop = shape[key] as z.ZodType;
    const zod = internals(prop);
    return { key, fast: compile(prop), omittable: zod.optin === 'optional' && zod.optout === 'optional' };
  });
  const known = new Set(keys);
  const strict = catchall === 'never';
  return withChecks(schema, (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return UNSURE;
    // A plain object: an inherited property is read by zod (`key in input`) and is not modelled here.
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return UNSURE;
    const input = v as Record<string, unknown>;
    let own = 0;
    for (const key in input) {
      if (!Object.hasOwn(input, key) || key === '__proto__') return UNSURE;
      if (known.has(key)) own += 1;
      else if (strict) return UNSURE;
    }
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (!Object.hasOwn(input, p.key)) {
        if (!p.omittable) return UNSURE;
        continue;
      }
      const value = input[p.key];
      if (value === undefined) return UNSURE;
      const r = p.fast(value);
      if (r === UNSURE || r === undefined) return UNSURE;
      out[p.key] = r;
      own -= 1;
    }
    return own === 0 ? out : UNSURE;
  });
}
