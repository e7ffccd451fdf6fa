import { describe, expect, it } from 'vitest';
import { displayName, personName } from './person-name.ts';

describe('personName', () => {
  it.each([
    ['Ana Lima', 'Ana Lima'],
    ['  Seán   O’Miller ', 'Seán O’Miller'],
    ['Devika Rao, CCP, CBP', 'Devika Rao, CCP, CBP'],
    ['Tobias (Weber) Hartmann', 'Tobias (Weber) Hartmann'],
    ['王芳', '王芳'],
    ['艾哈迈德·汗', '艾哈迈德·汗'],
    // Decorations after the name are cut, not the person.
    ['Ana Lima • 1st Head of Buying at Acme', 'Ana Lima'],
    ['Ana Lima · 3rd+', 'Ana Lima'],
    ['Ana Lima Status is reachable Available on mobile', 'Ana Lima'],
    ['Ana Lima Status is offline', 'Ana Lima'],
    ['Ana Lima | Hiring', 'Ana Lima'],
    ['Acme Support from.', 'Acme Support'],
  ])('%j -> %j', (raw, name) => expect(personName(raw)).toBe(name));

  it.each([
    null,
    '',
    '   ',
    '•',
    'View profile',
    'view Profile',
    'View Ana Lima’s profile',
    "View Ana Lima's profile",
    'Voir le profil de Ana Lima',
    'Profil anzeigen',
    '查看档案',
    'Ana Lima profile picture',
    'Photo de profil de Ana Lima',
    'Contact info',
    'Coordonnées',
    'Show all 12 experiences',
    'Show all',
    'Alle 5 Kenntnisse anzeigen',
    'React.js and +2 skills',
    'Endorsed by Ana Lima (mutual connection)',
    'Endorsed by 3 colleagues at Acme',
    '3 experiences at Acme Corp',
    'Experiences at Acme',
    'LinkedIn Member',
    'Message',
    'ana@acme.example',
    'A headline that goes on far too long to be anybody’s name at all, really',
  ])('refuses %j', (raw) => expect(personName(raw)).toBeNull());
});

describe('displayName', () => {
  it.each([
    ['Acme Support from.', 'Acme Support'],
    ['  Rahul\u200b Mehta via ', 'Rahul Mehta'],
    // Display names are not link texts: digits and odd characters stay.
    ['Shop 24 Team', 'Shop 24 Team'],
    ['"><script>alert(1)</script>', '"><script>alert(1)</script>'],
    ['Acme, Inc.', 'Acme, Inc.'],
  ])('%j -> %j', (raw, name) => expect(displayName(raw)).toBe(name));

  it.each([null, '', ' \u200b '])('null for %j', (raw) => expect(displayName(raw)).toBeNull());
});
