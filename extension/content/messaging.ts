// The content scripts' one way to the background: a command of the shared union per call (one
// lookup.people per batch), sent through the extension's messaging client. Controllers take a Send, so
// tests pass a fake background. Only types come from shared: zod stays out of the page bundles.
import type { MessageInput, MessageResponseData, MessageType } from '@rapport/shared/sync/messages';
import { send as sendCommand } from '../messaging/client.ts';

export type MessageBody<T extends MessageType> = Omit<MessageInput<T>, 'type'>;

/** Sends one command and resolves with its data; rejects with the background's error. */
export type Send = <T extends MessageType>(type: T, body: MessageBody<T>) => Promise<MessageResponseData<T>>;

export const backgroundSend: Send = <T extends MessageType>(type: T, body: MessageBody<T>) =>
  sendCommand({ ...body, type } as never) as Promise<MessageResponseData<T>>;

/** The background's error code ('paused', 'signed_out', …), or null for other failures. */
export function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
