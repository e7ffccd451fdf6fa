import { z } from 'zod';
import { isPhoneCountry } from '../identity/normalize.ts';
import { timeZoneSchema } from '../schemas/dates.ts';
import { httpUrl } from '../schemas/primitives.ts';

export const UI_LANGUAGES = ['en', 'zh-CN'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const BADGE_SITES = ['gmail', 'linkedin', 'x', 'generic'] as const;
export type BadgeSite = (typeof BADGE_SITES)[number];

const fields = {
  /** e.g. "https://crm.example.com"; null before setup. */
  serverUrl: httpUrl.nullable(),
  /** null: the browser's time zone. */
  timeZone: timeZoneSchema.nullable(),
  /** null: the browser's language when supported, else English. */
  language: z.enum(UI_LANGUAGES, { error: "language must be 'en' or 'zh-CN'" }).nullable(),
  /** Log opened Gmail threads with known contacts as email interactions. */
  autoLog: z.boolean({ error: 'autoLog must be true or false' }),
  /** Store full message bodies (privacy: off by default, subject and snippet only). */
  captureBodies: z.boolean({ error: 'captureBodies must be true or false' }),
  /** Stops capture and auto-log everywhere. */
  paused: z.boolean({ error: 'paused must be true or false' }),
  /** One morning notification for overdue and due follow-ups. */
  notifications: z.boolean({ error: 'notifications must be true or false' }),
  /** Region for national phone numbers without a "+" (ISO 3166 alpha-2). */
  phoneCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: "phoneCountry must be a two-letter region such as 'US'" })
    .refine((r): boolean => isPhoneCountry(r), {
      error: "phoneCountry must be a supported region such as 'US' or 'CN'",
    })
    .nullable(),
  /** Sites whose badges the user turned off. */
  disabledSites: z.array(z.enum(BADGE_SITES, { error: `site must be one of ${BADGE_SITES.join(', ')}` })),
};

/** A partial update (settings.set): only the given keys change. */
export const LocalSettingsChanges = z.strictObject(fields).partial();
export type LocalSettingsChanges = z.infer<typeof LocalSettingsChanges>;

export type LocalSettings = z.infer<z.ZodObject<typeof fields>>;

export const DEFAULT_LOCAL_SETTINGS: LocalSettings = {
  serverUrl: null,
  timeZone: null,
  language: null,
  autoLog: true,
  captureBodies: false,
  paused: false,
  notifications: true,
  phoneCountry: null,
  disabledSites: [],
};

/** One browser profile's extension settings; `LocalSettings.parse({})` gives the defaults (team settings live on the server). */
export const LocalSettings = LocalSettingsChanges.transform(
  (given): LocalSettings => applySettingsChanges(DEFAULT_LOCAL_SETTINGS, given),
);

/** Settings with `changes` applied; keys given as undefined are left alone. */
export function applySettingsChanges(settings: LocalSettings, changes: LocalSettingsChanges): LocalSettings {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  return { ...settings, disabledSites: [...settings.disabledSites], ...defined };
}
