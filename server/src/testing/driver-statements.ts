// Counts the statements sent to the database at the drivers themselves: every better-sqlite3
// statement call and exec (BEGIN and COMMIT included), every pg client query. For tests and
// profilers that hold a path to a number of statements, whatever repository sent them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface StatementCounter {
  /** Statements sent since the counter started. */
  count(): number;
  /** Puts the drivers' methods back. */
  stop(): void;
}

export function countDriverStatements(dialect: 'sqlite' | 'postgres'): StatementCounter {
  let n = 0;
  const patched: [Record<string, unknown>, string, unknown][] = [];
  const wrap = (proto: Record<string, unknown>, names: readonly string[]) => {
    for (const name of names) {
      const original = proto[name] as (...args: unknown[]) => unknown;
      patched.push([proto, name, original]);
      proto[name] = function (this: unknown, ...args: unknown[]) {
        n += 1;
        return original.apply(this, args);
      };
    }
  };
  if (dialect === 'sqlite') {
    const Database = require('better-sqlite3');
    const probe = new Database(':memory:');
    wrap(Object.getPrototypeOf(probe.prepare('SELECT 1')), ['run', 'get', 'all', 'iterate']);
    wrap(Object.getPrototypeOf(probe), ['exec']);
    probe.close();
  } else {
    wrap(require('pg').Client.prototype, ['query']);
  }
  return {
    count: () => n,
    stop() {
      for (const [proto, name, original] of patched.reverse()) proto[name] = original;
    },
  };
}
