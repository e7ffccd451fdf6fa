// A failed command said in the UI's language: the background's own codes from the catalogue, a
// server's code from @rapport/shared/api-errors (English keeps the server's message), else the message.
import { describeApiError, isApiErrorCode } from '@rapport/shared/api-errors';
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import type { Translate } from '../i18n/index.ts';

type CatalogueKey = Parameters<Translate>[0];

/** The background's codes (background/*.ts CommandError) that have their own sentence. */
const OWN: Record<string, CatalogueKey> = {
  invalid_credentials: 'error.invalidCredentials',
  network: 'error.network',
  offline: 'error.offline',
  signed_out: 'common.signInFirst',
  paused: 'page.paused',
};

export function errorText(error: unknown, t: Translate, lang: UiLanguage): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return message;
  const own = OWN[code];
  if (own) return t(own);
  const details = (error as { details?: unknown }).details;
  // A command the background's schemas refused (invalid_message, invalid): its fields, like the server's.
  if ((code === 'invalid_message' || code === 'invalid') && Array.isArray(details) && details.length > 0)
    return describeApiError(lang, { code: 'validation_failed', message, details });
  if (isApiErrorCode(code)) return describeApiError(lang, { code, message, details });
  return message;
}
