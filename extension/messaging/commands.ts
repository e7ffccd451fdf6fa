import { formatZodError, issueDetails } from '@rapport/shared/schemas/errors';
import { badTextError, MessageError, messageSchemas } from '@rapport/shared/sync/messages';
import type { z } from 'zod';
import { extensionMessageSchemas } from './extension-commands.ts';

/** Every command the background answers: the shared union plus the extension's own. */
export const commandSchemas = { ...messageSchemas, ...extensionMessageSchemas };

export type CommandType = keyof typeof commandSchemas;
export const COMMAND_TYPES = Object.keys(commandSchemas) as CommandType[];

type Schemas<T extends CommandType> = (typeof commandSchemas)[T];
/** A command as sent (defaults may be omitted). */
export type CommandInput<T extends CommandType = CommandType> = {
  [K in T]: z.input<Schemas<K>['request']>;
}[T];
/** A validated command. */
export type Command<T extends CommandType = CommandType> = { [K in T]: z.output<Schemas<K>['request']> }[T];
export type CommandResult<T extends CommandType> = z.output<Schemas<T>['response']>;
export type CommandResponse<T extends CommandType> =
  | { ok: true; data: CommandResult<T> }
  | { ok: false; error: CommandErrorBody };

/**
 * A failed command's error as it crosses the message boundary (checked by the background's router): the background's code or the server's
 * (@rapport/shared/api-errors), its message, and the server's details (a validation error's issues).
 */
export interface CommandErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Validates a command; the error names the field ("invalid contact.get message: id: …"). */
export function parseCommand(raw: unknown): Command {
  const type = (raw as { type?: unknown } | null)?.type;
  if (typeof raw !== 'object' || raw === null || typeof type !== 'string')
    throw new MessageError('invalid message: expected an object with a string "type"');
  if (!Object.hasOwn(commandSchemas, type))
    throw new MessageError(
      `unknown message type ${JSON.stringify(type)}; expected one of ${COMMAND_TYPES.join(', ')}`,
    );
  const bad = badTextError(type, raw);
  if (bad) throw bad;
  const result = (commandSchemas[type as CommandType].request as z.ZodType).safeParse(raw);
  if (!result.success)
    throw new MessageError(
      `invalid ${type} message: ${formatZodError(result.error)}`,
      issueDetails(result.error),
    );
  return result.data as Command;
}

/** Checks a handler's answer against its schema (a bug shows as an error, not as bad data in a page). */
export function parseCommandResult<T extends CommandType>(type: T, data: unknown): CommandResult<T> {
  const result = (commandSchemas[type].response as z.ZodType).safeParse(data);
  if (!result.success)
    throw new MessageError(
      `invalid ${type} response: ${formatZodError(result.error)}`,
      issueDetails(result.error),
    );
  return result.data as CommandResult<T>;
}
