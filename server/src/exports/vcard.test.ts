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
  notes: 'Prefers calls after 10:00; met at the Lyon fair.\nAsk about the new range, golf',
  urls: ['https://acme.com/team/jane', 'https://jane.example/?a=1;b=2'],
  emailTypes: [
    { email: 'jane@acme.com', type: 'work' },
    { email: 'jane.doe@gmail.com', type: 'home' },
  ],
  phoneTypes: [
    { phone: '+14155550132', type: 'mobile' },
    { phone: '(415) 555-0133', type: 'fax' },
  ],
  addresses: [
    {
      type: 'work',
      street: '12 Rue de la République',
      city: 'Lyon',
      region: null,
      postcode: '69002',
      country: 'France',
    },
    {
      type: 'home',
      street: 'Flat 3; 4 Elm Rd, Unit 2',
      city: 'Annecy',
      region: 'Haute-Savoie',
      postcode: null,
      country: 'France',
    },
  ],
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
      emailTypes: [{ email: 'chloe@acme.de', type: 'work' }],
      phoneTypes: [{ phone: '+49-30-1234567', type: 'mobile' }],
      notes: 'a very long note that a writer folded onto a second line as RFC 6350 allows',
    });
    expect(sam).toMatchObject({ name: 'Sam', linkedin: 'https://www.linkedin.com/in/sam-x/', urls: [] });
  });

  it('reads 2.1 bare TYPE parameters, typed ADR, URLs and quoted-printable notes', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Li;Wei',
      'TEL;WORK;FAX:+86 21 5555 0100',
      'TEL;CELL;PREF:+86 138 0013 8000',
      'TEL;VOICE:+86 21 5555 0101',
      'EMAIL;INTERNET;HOME:wei@example.cn',
      'ADR;WORK;CHARSET=UTF-8:;;浦东大道 1 号;上海;;200120;中国',
      'URL:www.huadong-trade.cn',
      'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=E5=A4=87=E6=B3=A8 line one=0D=0A=',
      'line two',
      'END:VCARD',
    ].join('\r\n');
    const [wei] = parseVcards(text);
    expect(wei).toMatchObject({
      phoneTypes: [
        { phone: '+86 21 5555 0100', type: 'fax' },
        { phone: '+86 138 0013 8000', type: 'mobile' },
      ],
      emailTypes: [{ email: 'wei@example.cn', type: 'home' }],
      addresses: [
        {
          type: 'work',
          street: '浦东大道 1 号',
          city: '上海',
          region: null,
          postcode: '200120',
          country: '中国',
        },
      ],
      location: '上海',
      urls: ['https://www.huadong-trade.cn'],
      notes: '备注 line one\r\nline two',
    });
    expect(wei?.phones).toHaveLength(3);
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
