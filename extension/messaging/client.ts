import { browser } from 'wxt/browser';
import type { CommandInput, CommandResponse, CommandResult, CommandType } from './commands.ts';

/** A failed command, with the background's error code (e.g. 'signed_out', 'invalid_message') or the server's (e.g. 'rate_limited'). */
export class CommandFailed extends Error {
  override name = 'CommandFailed';
  constructor(
    readonly code: string,
    message: string,
    /** The server's error details (a validation error's issues) when the server refused. */
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

/** Sends one command to the background and returns its data; throws CommandFailed on { ok: false }. */
export async function send<T extends CommandType>(
  command: { type: T } & NoInfer<CommandInput<T>>,
): Promise<CommandResult<T>> {
  const response = (await browser.runtime.sendMessage(command)) as CommandResponse<T> | undefined;
  if (!response) throw new CommandFailed('no_response', 'The background did not answer');
  if (!response.ok)
    throw new CommandFailed(response.error.code, response.error.message, response.error.details ?? null);
  return response.data;
}
