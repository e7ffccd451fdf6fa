import { useCallback, useState } from 'preact/hooks';
import { useUi } from '../context.ts';
import { errorText } from '../errors.ts';

export interface ActionState {
  busy: boolean;
  /** The last failure's message, until the next run. */
  error: string | null;
  /** The last success's note (e.g. "Saved."), until the next run. */
  done: string | null;
}

/** Runs a command (usually a background send) with busy and error state for the button that started it. */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const { t, lang } = useUi();
  const [state, setState] = useState<ActionState>({ busy: false, error: null, done: null });
  const run = useCallback(
    async (...args: A) => {
      setState({ busy: true, error: null, done: null });
      try {
        const done = await action(...args);
        setState({ busy: false, error: null, done: typeof done === 'string' ? done : null });
        return true;
      } catch (error) {
        setState({ busy: false, error: errorText(error, t, lang), done: null });
        return false;
      }
    },
    [action, t, lang],
  );
  return [run, state] as const;
}
