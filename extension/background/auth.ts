import { LoginResponse } from '@rapport/shared/schemas/api';
import type { Team, User } from '@rapport/shared/schemas/team';
import { z } from 'zod';
import { updateLocalSettings } from '../db/settings.ts';
import { readState, writeState } from '../db/sync-state.ts';
import { wipeLocalData } from '../db/wipe.ts';
import { API, HttpError, requestJson, serverOrigin } from '../sync/http.ts';
import { type BackgroundServices, CommandError, serverFailure } from './services.ts';

export interface SignInInput {
  serverUrl: string;
  email: string;
  password: string;
  discardOtherAccount: boolean;
}

function loginError(error: unknown): CommandError {
  if (!(error instanceof HttpError))
    return new CommandError('internal', error instanceof Error ? error.message : String(error));
  switch (error.kind) {
    case 'auth':
      return new CommandError('invalid_credentials', error.message);
    case 'network':
      return new CommandError('network', `Cannot reach the server: ${error.message}`);
    default:
      // The server's own code (forbidden, rate_limited, validation_failed, …) when it sent one: the UI says it in its language.
      return serverFailure(error, error.kind === 'client' ? 'invalid' : error.kind);
  }
}

/**
 * Signs in and binds this browser's data to the account. Signing in as someone else (or on
 * another server) replaces the local data — only when the caller confirmed it, because unsynced
 * changes of the other account would be lost.
 */
export async function signIn(
  services: BackgroundServices,
  input: SignInInput,
): Promise<{ user: User; team: Team }> {
  const { db } = services;
  const origin = serverOrigin(input.serverUrl);
  let session: LoginResponse;
  try {
    session = await requestJson(
      services.fetch,
      {
        method: 'POST',
        url: `${origin}${API}/auth/login`,
        body: { email: input.email, password: input.password },
      },
      LoginResponse,
      services.now(),
    );
  } catch (error) {
    throw loginError(error);
  }
  const current = await readState(db, 'account');
  const sameAccount =
    current !== undefined &&
    current.user.id === session.user.id &&
    serverOrigin(current.serverUrl) === origin;
  if (current !== undefined && !sameAccount) {
    if (!input.discardOtherAccount) {
      throw new CommandError(
        'other_account',
        `This browser holds the data of ${current.user.email}. Signing in as ${session.user.email} replaces it.`,
      );
    }
    await wipeLocalData(db);
  }
  await db.transaction('rw', db.syncState, db.settings, async () => {
    await writeState(db, 'account', {
      serverUrl: origin,
      token: session.token,
      expiresAt: session.expiresAt,
      user: session.user,
      team: session.team,
    });
    await writeState(db, 'lastError', undefined);
    await writeState(db, 'backoff', undefined);
    await updateLocalSettings(db, { serverUrl: origin });
  });
  services.requestSync();
  return { user: session.user, team: session.team };
}

/** Signs out (revoking the token when the server is reachable); optionally wipes local data. */
export async function signOut(services: BackgroundServices, wipe: boolean): Promise<void> {
  const { db } = services;
  const account = await readState(db, 'account');
  if (account?.token) {
    try {
      await requestJson(
        services.fetch,
        { method: 'POST', url: `${serverOrigin(account.serverUrl)}${API}/auth/logout`, token: account.token },
        z.unknown(),
        services.now(),
      );
    } catch {
      // Offline or already expired: the token is dropped locally either way.
    }
  }
  if (wipe) {
    await wipeLocalData(db);
    return;
  }
  await db.transaction('rw', db.syncState, async () => {
    const current = await readState(db, 'account');
    if (current) await writeState(db, 'account', { ...current, token: null });
  });
}
