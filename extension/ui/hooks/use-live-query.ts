import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export interface LiveResult<T> {
  /** undefined until the first result (as dexie-react-hooks' useLiveQuery). */
  data: T | undefined;
  error: Error | null;
}

/**
 * Dexie's liveQuery for Preact (dexie-react-hooks needs React): re-runs `query` whenever the
 * tables it read change — in this page or, through Dexie's broadcast, in the background worker.
 * Read-only by convention: pages write through background commands.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ data: undefined, error: null });
  useEffect(() => {
    // An async querier: Dexie keeps its transaction zone across the awaits of an async function only.
    const subscription = liveQuery(async () => await query()).subscribe({
      next: (data) => setResult({ data, error: null }),
      error: (error: unknown) =>
        setResult((r) => ({
          data: r.data,
          error: error instanceof Error ? error : new Error(String(error)),
        })),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return result;
}

/** The current time, refreshed every `everyMs` (relative times, "today"). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
