// @vitest-environment happy-dom

import { identityKey, pageIdentity } from '@rapport/shared/identity/page-identity';
import { describe, expect, it } from 'vitest';
import { capturedPerson } from './capture.ts';
import { personFromCapture, personFromText, personFromUrl } from './page-person.ts';

const nobody = { name: null, email: null, linkedin: null, x: null };

describe('personFromUrl', () => {
  it.each([
    ['mailto:Ana.Lima@Shop.example?subject=Hi', { ...nobody, email: 'ana.lima@shop.example' }],
    ['mailto:a@x.example,b@y.example', { ...nobody, email: 'a@x.example' }],
    ['https://www.linkedin.com/in/Jules-Carver/?trk=x', { ...nobody, linkedin: 'jules-carver' }],
    ['https://de.linkedin.com/in/ana-lima', { ...nobody, linkedin: 'ana-lima' }],
    ['https://twitter.com/NinaPark', { ...nobody, x: 'ninapark' }],
    ['https://x.com/NinaPark/status/1', null],
    ['https://linkedin.com.evil.example/in/ana/', null],
    ['https://shop.example/about', null],
    ['not a url', null],
  ])('%s', (url, expected) => expect(personFromUrl(url)).toEqual(expected));
});

describe('personFromText', () => {
  it.each([
    ['  Sean   Miller ', { ...nobody, name: 'Sean Miller' }],
    ['Sean Miller <Sean@Acme.example>', { ...nobody, name: 'Sean Miller', email: 'sean@acme.example' }],
    ['"Miller, Sean" sean@acme.example', { ...nobody, name: 'Miller Sean', email: 'sean@acme.example' }],
    ['@NinaPark', { ...nobody, x: 'ninapark' }],
    [
      'Jules https://www.linkedin.com/in/jules-carver',
      { ...nobody, name: 'Jules', linkedin: 'jules-carver' },
    ],
    ['李明', { ...nobody, name: '李明' }],
    ['12345', null],
    ['   ', null],
  ])('%s', (text, expected) => expect(personFromText(text)).toEqual(expected));

  it('does not take a paragraph for a name', () => {
    expect(
      personFromText('Please find the updated price list for the autumn order attached today'),
    ).toBeNull();
  });
});

describe('personFromCapture', () => {
  const thread = {
    kind: 'thread' as const,
    subject: 'Hi',
    threadId: null,
    messages: [
      {
        id: 'a',
        from: { name: 'Me', email: 'me@work.example' },
        to: [{ name: 'Ana', email: 'ana@shop.example' }],
        date: null,
        snippet: null,
      },
      { id: 'b', from: { name: 'Bo', email: 'bo@shop.example' }, to: [], date: null, snippet: null },
    ],
  };

  it('takes the first sender who is not the user, else the first other recipient', () => {
    expect(personFromCapture(thread, 'me@work.example', 'gmail')).toEqual({
      ...nobody,
      name: 'Bo',
      email: 'bo@shop.example',
    });
    const mine = { ...thread, messages: thread.messages.slice(0, 1) };
    expect(personFromCapture(mine, 'me@work.example', 'gmail')).toEqual({
      ...nobody,
      name: 'Ana',
      email: 'ana@shop.example',
    });
  });

  it('keeps a LinkedIn headline and job title apart, and takes neither from an X bio', () => {
    const profile = {
      kind: 'profile' as const,
      name: 'Nina Park',
      headline: 'Buying fresh food for 40 stores',
      title: 'Head of Buying',
      company: 'Acme',
      location: 'Berlin',
      profileUrl: 'https://x.com/ninapark',
      handles: { linkedin: null, x: 'ninapark' },
    };
    const fromLinkedin = personFromCapture(profile, null, 'linkedin');
    expect([fromLinkedin?.title, fromLinkedin?.headline]).toEqual([
      'Head of Buying',
      'Buying fresh food for 40 stores',
    ]);
    // Without a current position the title stays empty rather than becoming the headline.
    expect(personFromCapture({ ...profile, title: null }, null, 'linkedin')?.title).toBeNull();
    const fromX = personFromCapture({ ...profile, title: null }, null, 'x');
    expect([fromX?.title, fromX?.headline]).toEqual([null, null]);
  });
});

describe('identities and captured people', () => {
  it('clips identities to the message limits and keys equal identities equally', () => {
    const long = 'A'.repeat(400);
    const identity = pageIdentity({ name: long, email: ' ana@shop.example ', linkedin: null, x: '' });
    expect(identity).toEqual({ email: 'ana@shop.example', name: 'A'.repeat(300) });
    expect(identityKey(identity!)).toBe(identityKey({ name: 'A'.repeat(300), email: 'ana@shop.example' }));
    expect(identityKey({ email: 'ana@shop.example' })).not.toBe(identityKey(identity!));
    expect(pageIdentity({ name: ' ', email: null })).toBeNull();
  });

  it('keeps only web addresses as the source and names the site', () => {
    const ana = { ...nobody, name: 'Ana', email: 'ana@shop.example', profileUrl: 'javascript:alert(1)' };
    expect(capturedPerson(ana, ' Ana  Lima ', 'generic', 'https://shop.example/team#ana')).toEqual({
      name: 'Ana Lima',
      email: 'ana@shop.example',
      source: 'web',
      sourceUrl: 'https://shop.example/team#ana',
    });
    expect(capturedPerson(ana, 'Ana', 'x', 'chrome-extension://abc/page.html')).toEqual({
      name: 'Ana',
      email: 'ana@shop.example',
      source: 'x',
    });
  });
});
