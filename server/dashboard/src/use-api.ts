import { useCallback, useEffect, useState } from 'preact/hooks';
import { type ApiError, api, apiUrl } from './api.ts';

type Query = Parameters<typeof apiUrl>[1];

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  /** True while a request is in flight; `data` keeps the previous answer meanwhile (no flashing). */
  loading: boolean;
  reload(): void;
}

/** GETs `path` (null: nothing yet) and re-fetches whenever the path or query changes. */
export function useApi<T>(path: string | null, query?: Query): Loaded<T> {
  const key = path === null ? null : apiUrl(path, query);
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiError | Error }>({
    key: null,
  });
  const [loading, setLoading] = useState(key !== null);
  const [nonce, setNonce] = useState(0);
  // `key` encodes path and query (a new object each render); nonce forces a reload.
  useEffect(() => {
    if (path === null || key === null) return;
    const controller = new AbortController();
    setLoading(true);
    api<T>(path, { query, signal: controller.signal })
      .then((data) => setState({ key, data }))
      .catch((error: Error) => {
        if (error.name !== 'AbortError') setState((s) => ({ key, data: s.data, error }));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading, reload };
}

/**
 * Search as you type: the first `limit` items of `path` whose search matches the text, asked 200 ms
 * after the typing stops and only from two characters on (fewer: nothing), those `keep` rejects left out.
 */
export function useSearch<T>(path: string, text: string, keep: (item: T) => boolean, limit = 8): T[] {
  const [found, setFound] = useState<T[]>([]);
  useEffect(() => {
    if (text.trim().length < 2) return setFound([]);
    const controller = new AbortController();
    const id = setTimeout(() => {
      api<{ items: T[] }>(path, { query: { search: text.trim(), limit }, signal: controller.signal })
        .then((p) => setFound(p.items.filter(keep)))
        .catch(() => {});
    }, 200);
    return () => {
      clearTimeout(id);
      controller.abort();
    };
  }, [text]);
  return found;
}
