import type { RapportDB } from '../db/schema.ts';
import type { Command, CommandResult, CommandType } from '../messaging/commands.ts';
import type { ExtensionSyncClient } from '../sync/client.ts';
import type { Fetch, HttpError } from '../sync/http.ts';

/** What the background's handlers use; tests build it with a fake server and clock. */
export interface BackgroundServices {
  db: RapportDB;
  fetch: Fetch;
  /** Wall clock, ms. */
  now: () => number;
  sync: ExtensionSyncClient;
  /** Asks for a sync soon (debounced), e.g. after a local write. */
  requestSync(): void;
}

/** Who sent a command: a content script in a web page, or an extension page (side panel, popup). */
export interface Sender {
  fromPage: boolean;
  tabId?: number;
  /** The sending frame of the tab (0: the top frame). */
  frameId?: number;
  url?: string;
}

export interface HandlerContext {
  services: BackgroundServices;
  sender: Sender;
}

export type Handler<T extends CommandType> = (
  command: Command<T>,
  context: HandlerContext,
) => Promise<CommandResult<T>>;
export type HandlerMap = { [T in CommandType]: Handler<T> };

/** A failure the UI can act on: a stable code and a message for people. */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    readonly code: string,
    message: string,
    /** The server's error details (a validation error's issues), passed on to the UI. */
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

/**
 * The server's own error ({ error: { code, message, details } }) as a CommandError, so the UI says
 * its code in the UI's language (@rapport/shared/api-errors); `fallback` when the answer had none.
 */
export function serverFailure(error: HttpError, fallback: string): CommandError {
  const api = error.apiError;
  return api
    ? new CommandError(api.code, api.message, api.details)
    : new CommandError(fallback, error.message);
}

/** Interactions name their author; that is only known once someone has signed in here. */
export function authorOf(userId: string | undefined): string {
  if (!userId) throw new CommandError('signed_out', 'Sign in to log interactions');
  return userId;
}
