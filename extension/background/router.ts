import { ValidationError } from '@rapport/shared/schemas/errors';
import { MessageError } from '@rapport/shared/sync/messages';
import { ZodError, z } from 'zod';
import {
  type Command,
  type CommandErrorBody,
  type CommandResponse,
  type CommandType,
  parseCommand,
  parseCommandResult,
} from '../messaging/commands.ts';
import {
  type BackgroundServices,
  CommandError,
  type Handler,
  type HandlerMap,
  type Sender,
} from './services.ts';

/** A failed command's error on the message boundary: a known code shape, a message, JSON details. */
const ErrorOut = z.strictObject({
  code: z.string().regex(/^[a-z_]{1,64}$/),
  message: z.string(),
  details: z.json().optional(),
});

function errorOf(error: unknown): CommandErrorBody {
  if (error instanceof CommandError) {
    const body = {
      code: error.code,
      message: error.message,
      ...(error.details == null ? {} : { details: error.details }),
    };
    // The server's code and details are passed on only in the shape the UI reads; anything else is a bug.
    const parsed = ErrorOut.safeParse(body);
    if (parsed.success) return parsed.data;
    console.error('Rapport: command failed with an unreadable error', error);
    return { code: 'internal', message: error.message };
  }
  // The refused fields (path, message, zod code, reason code) go with it: the UI says them in its language.
  const details =
    error instanceof ValidationError && error.details.length > 0 ? { details: error.details } : {};
  if (error instanceof MessageError) return { code: 'invalid_message', message: error.message, ...details };
  if (error instanceof ValidationError) return { code: 'invalid', message: error.message, ...details };
  if (error instanceof ZodError)
    return { code: 'invalid', message: error.issues.map((i) => i.message).join('; ') };
  console.error('Rapport: command failed', error);
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Validates and runs one command; never throws (errors become { ok: false }). Malformed commands reach no handler. */
export async function dispatch(
  handlers: HandlerMap,
  services: BackgroundServices,
  raw: unknown,
  sender: Sender,
): Promise<CommandResponse<CommandType>> {
  let command: Command;
  try {
    command = parseCommand(raw);
  } catch (error) {
    return { ok: false, error: errorOf(error) };
  }
  try {
    const handler = handlers[command.type] as Handler<CommandType>;
    const data = await handler(command, { services, sender });
    return { ok: true, data: parseCommandResult(command.type, data) };
  } catch (error) {
    return { ok: false, error: errorOf(error) };
  }
}

interface RawSender {
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** Content scripts run in pages; extension pages (side panel, popup, even opened in a tab) have our origin. */
export function senderOf(raw: RawSender, extensionOrigin: string): Sender {
  const fromExtension = raw.url !== undefined ? raw.url.startsWith(extensionOrigin) : raw.tab === undefined;
  return {
    fromPage: !fromExtension,
    ...(raw.tab?.id !== undefined ? { tabId: raw.tab.id } : {}),
    ...(raw.frameId !== undefined ? { frameId: raw.frameId } : {}),
    ...(raw.url ? { url: raw.url } : {}),
  };
}

/**
 * A runtime.onMessage listener. It answers through sendResponse and returns true: Chrome (and
 * WXT's fakeBrowser) ignore a listener's returned Promise.
 */
export function createMessageListener(
  handlers: HandlerMap,
  services: BackgroundServices,
  extensionOrigin: string,
) {
  return (raw: unknown, sender: RawSender, sendResponse: (response: unknown) => void): true => {
    void dispatch(handlers, services, raw, senderOf(sender, extensionOrigin)).then(sendResponse);
    return true;
  };
}
