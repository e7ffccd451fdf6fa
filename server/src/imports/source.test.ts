import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { bufferSource, csvRecords, detectEncoding, sniffDelimiter } from './source.ts';

const encodingOf = (bytes: Uint8Array) => detectEncoding(bufferSource('f.csv', bytes));

describe('detectEncoding', () => {
  const text = 'Kunde,Stadt\nChloé Müller,Köln\n';
  const chinese = '客户,城市\n王小明,北京\n';

  it('reads BOMs, UTF-16 without one, UTF-8, Windows-1252 and GB18030', async () => {
    expect(await encodingOf(iconv.encode(text, 'utf16le', { addBOM: true }))).toBe('utf-16le');
    expect(await encodingOf(iconv.encode(text, 'utf16be', { addBOM: true }))).toBe('utf-16be');
    expect(await encodingOf(iconv.encode(text, 'utf16le'))).toBe('utf-16le');
    expect(await encodingOf(Buffer.from(`\uFEFF${text}`))).toBe('utf-8');
    expect(await encodingOf(Buffer.from(chinese))).toBe('utf-8');
    expect(await encodingOf(iconv.encode(text, 'win1252'))).toBe('windows-1252');
    expect(await encodingOf(iconv.encode(chinese, 'gb18030'))).toBe('gb18030');
    // Accented Western text whose bytes happen to pair up now and then is still Windows-1252.
    expect(await encodingOf(iconv.encode('Société Générale,Crème brûlée,Ærø\n', 'win1252'))).toBe(
      'windows-1252',
    );
  });

  it('decodes what it detected, BOM stripped', async () => {
    const source = bufferSource('f.csv', iconv.encode(chinese, 'gb18030'));
    const records: string[][] = [];
    for await (const r of csvRecords(source, await detectEncoding(source))) records.push(r);
    expect(records).toEqual([
      ['客户', '城市'],
      ['王小明', '北京'],
    ]);
  });
});

describe('sniffDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n4,5,6\n', ','],
    ['a;b;c\n1,5;2;3\n4;5,5;6\n', ';'],
    ['a\tb\tc\n"x, y"\t2\t3\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    // Title lines above the header do not decide it, nor a comma inside a quoted field.
    ['Sales report, 2024\nGenerated today\nOrder;Date;Sales\n1;"3,5";2\n2;4;5\n', ';'],
    ['single column\nvalue\n', ','],
  ])('%j splits by %j', (sample, delimiter) => {
    expect(sniffDelimiter(sample)).toBe(delimiter);
  });
});
