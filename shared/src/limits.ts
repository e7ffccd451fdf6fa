/**
 * The longest text each kind of field takes, in characters (UTF-16 code units), used by the
 * schemas, the message checks and the inputs of both UIs alike. Zod-free so the content scripts
 * and the dashboard can size their inputs without the schema library.
 */
export const TEXT_LIMITS = {
  /** A person's or company's name, a job title, a headline, a location. */
  name: 300,
  subject: 500,
  /** A campaign's name, a product category as typed in a filter. */
  title: 200,
  /** A typed note: an interaction's summary, a note taken with a capture, a survey comment. */
  note: 5000,
  /** Opportunity notes, ticket descriptions and resolutions. */
  longText: 10_000,
  /** A captured email body (kept only when the user opts in). */
  body: 100_000,
  email: 320,
  url: 2048,
  phone: 60,
  /** A tag or an interest. */
  tag: 60,
  /**
   * A short free text: gift notes, a pulse comment, a campaign touch's note, the interests as typed
   * (comma-separated) in the preferences form; what `optionalText` takes unless told otherwise.
   */
  shortNote: 2000,
  /** A birthday as typed: 'MM-DD' or 'YYYY-MM-DD'. */
  birthday: 10,
} as const;
