import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMoney } from '../money.ts';
import { DecimalMarkProfile, parseAmount, plainDecimal } from './amounts.ts';

describe('parseAmount', () => {
  it('reads a plain decimal cell as the general path does (sign, mark, currency, exactness)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?\d{1,16}([.,]\d{0,6})?$/),
        fc.constantFrom('.' as const, ',' as const),
        (raw, decimal) => {
          // The general path: sign, mark and grouping read by plainDecimal, then the exact units.
          const plain = plainDecimal(raw, decimal);
          const units = 'error' in plain ? null : readMoney(plain.text);
          const expected =
            'error' in plain
              ? { error: plain.error }
              : typeof units === 'string'
                ? { error: units }
                : { amount: units, currency: null };
          expect(parseAmount(raw, decimal)).toEqual(expected);
        },
      ),
    );
  });

  it.each([
    ['1,234.56', '.', 12345600n, null],
    ['1.234,56', ',', 12345600n, null],
    ['1 234,56', ',', 12345600n, null],
    ['1\u00a0234,5678', ',', 12345678n, null],
    ["1'234.50", '.', 12345000n, null],
    ['1,23,456.7', '.', 1234567000n, null],
    ['957.5775', '.', 9575775n, null],
    ['$12.50', '.', 125000n, null],
    ['-$12.50', '.', -125000n, null],
    ['(12.50)', '.', -125000n, null],
    ['($1,200.00)', '.', -12000000n, null],
    ['12.50-', '.', -125000n, null],
    ['\u221212.5', '.', -125000n, null],
    ['USD 12.50', '.', 125000n, 'USD'],
    ['12,50 EUR', ',', 125000n, 'EUR'],
    ['€1.234,56', ',', 12345600n, 'EUR'],
    ['1.234,56 €', ',', 12345600n, 'EUR'],
    ['£3', '.', 30000n, 'GBP'],
    ['¥1,200', '.', 12000000n, null],
    ['￥1,200.5', '.', 12005000n, null],
    ['1200.50元', '.', 12005000n, 'CNY'],
    ['RMB 88', '.', 880000n, 'CNY'],
    ['US$5', '.', 50000n, 'USD'],
    ['+7', '.', 70000n, null],
    ['0', '.', 0n, null],
  ] as const)('%s with "%s" is %s', (raw, decimal, amount, currency) => {
    expect(parseAmount(raw, decimal)).toEqual({ amount, currency });
  });

  it.each([
    ['12,50', '.', /decimal mark/],
    ['1,2,3', '.', /decimal mark/],
    ['1.234.5', ',', /decimal mark/],
    ['abc', '.', /not a number/],
    ['', '.', /not a number/],
    ['1.00001', '.', /more than 4 decimal places/],
    ['20%', '.', /percentage/],
    ['--5', '.', /not a number/],
  ] as const)('refuses %j with "%s"', (raw, decimal, message) => {
    const read = parseAmount(raw, decimal);
    expect('error' in read && read.error).toMatch(message);
  });
});

describe('DecimalMarkProfile', () => {
  const detect = (values: string[]) => {
    const p = new DecimalMarkProfile();
    for (const v of values) p.add(v);
    return p.result();
  };

  it('reads the decimal mark off values that show it', () => {
    expect(detect(['1,234', '12,5', '3'])).toMatchObject({ decimal: ',', status: 'detected' });
    expect(detect(['1,234', '3.54'])).toMatchObject({ decimal: '.', status: 'detected' });
    expect(detect(['1.234,56'])).toMatchObject({ decimal: ',' });
    expect(detect(['1,234,567'])).toMatchObject({ decimal: '.' });
    expect(detect(['1.234.567'])).toMatchObject({ decimal: ',' });
    expect(detect(['1 234,567'])).toMatchObject({ decimal: ',' });
    expect(detect(['0,125'])).toMatchObject({ decimal: ',' });
    expect(detect(['22.368', '957.5775']).reason).toContain('e.g. "957.5775"');
  });

  it('asks when every amount with a mark reads two ways, and needs nothing when none has one', () => {
    expect(detect(['1,234', '5', 'x'])).toMatchObject({
      status: 'ambiguous',
      choices: [
        { decimal: '.', example: '1,234', reads: '1234' },
        { decimal: ',', example: '1,234', reads: '1.234' },
      ],
    });
    expect(detect(['12', '-7', '(3)'])).toMatchObject({ decimal: '.', status: 'assumed' });
    expect(new DecimalMarkProfile().result(',')).toMatchObject({ decimal: ',', status: 'given' });
  });
});
