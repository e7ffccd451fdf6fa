import { describe, expect, it } from 'vitest';
import { emptyDraft } from './contact-draft.ts';
import { contactsToVcard, parseVcards, structuredName, type VcardContact } from './vcard.ts';

const jane: VcardContact = {
  name: 'Jane Q. Doe, Jr.',
  emails: ['jane@acme.com', 'jane.doe@gmail.com'],
  phones: ['+14155550132', '(415) 555-0133'],
  title: 'Head of Buying; EMEA',
  company: 'Acme, Inc.',
  linkedin: 'jane-doe-12a',
  x: 'janedoe',
  tags: ['vip', 'golf, tennis'],
  birthday: '02-29',
  location: 'Lyon',
};
const bob: VcardContact = {
  ...emptyDraft(0),
  name: 'Bob',
  emails: ['bob@example.org'],
  birthday: '1980-12-31',
};
const { row: _r, customerExternalId: _c, owner: _o, ...blank } = emptyDraft(0);

describe('vCard', () => {
  for (const version of ['3.0', '4.0'] as const) {
    it(`round-trips contacts through vCard ${version}`, () => {
      const text = contactsToVcard([jane, { ...blank, ...bob }], version);
      expect(text).toContain(`VERSION:${version}`);
      expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
      const [a, b] = parseVcards(text);
      expect(a).toEqual({
        ...jane,
        row: 1,
        linkedin: 'https://www.linkedin.com/in/jane-doe-12a/',
        x: 'https://x.com/janedoe',
        customerExternalId: null,
        owner: null,
      });
      expect(b).toMatchObject({
        row: 2,
        name: 'Bob',
        emails: ['bob@example.org'],
        birthday: '1980-12-31',
        phones: [],
        tags: [],
      });
    });
  }

  it('reads cards written by other programs (N without FN, folded lines, TYPE params, tel: URIs)', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'N:Müller;Chloé;;;',
      'EMAIL;TYPE=work:chloe@acme.de',
      'TEL;VALUE=uri;TYPE=cell:tel:+49-30-1234567',
      'NOTE:a very long note that a writer folded onto a second li',
      ' ne as RFC 6350 allows',
      'BDAY:--0704',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Sam',
      'URL:https://www.linkedin.com/in/sam-x/',
      'END:VCARD',
    ].join('\r\n');
    const [chloe, sam] = parseVcards(text);
    expect(chloe).toMatchObject({
      name: 'Chloé Müller',
      emails: ['chloe@acme.de'],
      phones: ['+49-30-1234567'],
      birthday: '07-04',
    });
    expect(sam).toMatchObject({ name: 'Sam', linkedin: 'https://www.linkedin.com/in/sam-x/' });
  });

  it('refuses text that is not vCard', () => {
    expect(() => parseVcards('Name,Email\nA,a@b.c\n')).toThrow(/not valid vCard|no vCard/);
  });

  it.each([
    ['Jane Q. Doe, Jr.', ['Doe', 'Jane', 'Q.', '', 'Jr.']],
    ['Dr. Mira Okafor', ['Okafor', 'Mira', '', 'Dr.', '']],
    ['Doe, Jane', ['Doe', 'Jane', '', '', '']],
    ['Ludwig van Beethoven', ['Beethoven', 'Ludwig', 'van', '', '']],
    ['Cher', ['Cher', '', '', '', '']],
    ['王小明', ['王', '小明', '', '', '']],
    ['欧阳娜娜', ['欧阳', '娜娜', '', '', '']],
    ['Martin Luther King Jr', ['King', 'Martin', 'Luther', '', 'Jr']],
  ])('writes %s as the structured name %j', (name, n) => {
    expect(structuredName(name)).toEqual(n);
    const [card] = contactsToVcard([{ ...blank, name }], '4.0')
      .split('\r\n')
      .filter((l) => l.startsWith('N:'));
    expect(card).toBe(`N:${n.join(';')}`);
  });
});
