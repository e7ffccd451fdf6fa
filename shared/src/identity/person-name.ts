// Is this link text a person's name? Pages wrap the same /in/<id> or address in buttons, avatars, captions
// and counters ("View profile", "Ana Lima profile picture", "Show all 12 skills", "Endorsed by …"). A badge
// and a saved contact need a name that is a name, so those texts are refused here (en and the common
// other UI languages), and decorations after a name ("• 1st Head of Buying", "Status is reachable") are cut.

/** Presence text screen readers get after an avatar's name ("… Status is reachable Available on mobile"). */
const PRESENCE = /\s+(?:status is|status:|statut\s*:|estado\s*:|status ist)\s.*$/i;
/**
 * What follows a name: a feed author's degree and headline ("Ana Lima • 1st Head of Buying", "Ana Lima ·
 * 2nd"), or a tagline members add to the name field ("Ana Lima | Hiring").
 */
const DECORATION = /\s*(?:•|\s·\s|\s\|\s).*$/;
/** Trailing artefacts some mail views append to a sender ("Acme Support from.", "Ana via"). */
const TRAILING_WORD = /\s+(?:from|via)\.?$/i;

/** Whole texts that are controls, not people (lower-cased, whitespace collapsed). */
const CONTROLS = new Set([
  'view profile',
  'view full profile',
  'profil anzeigen',
  'voir le profil',
  'ver perfil',
  'visualizar perfil',
  'visualizza profilo',
  'profiel bekijken',
  '查看档案',
  '查看个人档案',
  '查看资料',
  'プロフィールを表示',
  'contact info',
  'kontaktinfo',
  'kontaktinformationen',
  'coordonnées',
  'información de contacto',
  'informações de contato',
  'informazioni di contatto',
  '联系方式',
  '联系信息',
  'message',
  'follow',
  'connect',
  'more',
  'see more',
  'see all',
  'show more',
  'linkedin member',
  'linkedin-mitglied',
  'membre de linkedin',
  'miembro de linkedin',
  'linkedin 会员',
  'linkedin 用户',
]);

/** Texts that only ever start or contain UI phrases. */
const UI_PHRASES = [
  /^(?:show|see) all\b/i,
  /^alle\b.*\banzeigen$/i,
  /^(?:afficher|voir) (?:tout|les|l['’]ensemble)/i,
  /^(?:mostrar|ver) tod[oa]s?\b/i,
  /^mostra tutt/i,
  /^显示全部|^查看全部|^すべて表示/,
  /^(?:endorsed|recommended) by\b/i,
  /^(?:empfohlen|bestätigt) von\b/i,
  /^(?:recommandé|validé|approuvé) par\b/i,
  /^(?:respaldado|validado|recomendado) por\b/i,
  /\bmutual connections?\b|gemeinsame[rn]? kontakt|relations? en commun|contactos? en común/i,
  /^(?:view|voir|ver|visualizar|visualizza|bekijk)\b.*\b(?:profile|profil|perfil|profilo|profiel)\b/i,
  /\bprofil(?:e)? (?:anzeigen|ansehen)$/i,
  /['’]s (?:profile|profil)\b/i,
  /\b(?:profile (?:picture|photo|image)|photo de profil|profilbild|foto de perfil|foto del profilo|profielfoto)\b/i,
  /头像|个人资料照片|プロフィール写真/,
  /\bskills?\b|\bkenntnisse\b|\bcompétences\b|\bhabilidades\b|\bcompetenze\b/i,
  /\b(?:experiences?|positions?|roles?) (?:at|chez|bei|en|presso)\b/i,
  /@|https?:|www\./i,
];

const MAX_LENGTH = 80;
const MAX_WORDS = 7;

/** A display name with invisible marks, extra spaces and trailing artefacts ("Acme Support from.") removed. */
export function displayName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(TRAILING_WORD, '')
    .trim();
  return text === '' ? null : text;
}

/**
 * The person's name in a link or label text, or null when the text is not a name: a control, a caption,
 * a counter or a headline. "Ana Lima • 1st Head of Buying" -> "Ana Lima"; "View profile" -> null.
 */
export function personName(raw: string | null | undefined): string | null {
  const text = displayName(displayName(raw)?.replace(PRESENCE, '').replace(DECORATION, ''));
  if (!text || !/\p{L}/u.test(text)) return null;
  // Names carry no digits or "+N" counters ("3 experiences at Acme", "React.js and +2 skills").
  if (/\d/.test(text)) return null;
  if (text.length > MAX_LENGTH || text.split(' ').length > MAX_WORDS) return null;
  if (CONTROLS.has(text.toLowerCase())) return null;
  if (UI_PHRASES.some((re) => re.test(text))) return null;
  return text;
}
