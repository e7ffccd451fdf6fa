import type { Session } from '../../src/routes/wire-types.ts';

// sessionStorage, not localStorage: the token dies with the tab, and other tabs never see it.
const KEY = 'rapport.session';

/** The stored session when it is well-formed and not expired. */
export function loadSession(now = Date.now()): Session | null {
  let value: unknown;
  try {
    value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const s = value as Partial<Session>;
  const wellFormed =
    typeof s.token === 'string' &&
    typeof s.expiresAt === 'string' &&
    typeof s.user?.id === 'string' &&
    typeof s.user?.role === 'string' &&
    typeof s.team?.id === 'string';
  if (!wellFormed || Date.parse(s.expiresAt as string) <= now) {
    clearSession();
    return null;
  }
  return s as Session;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
