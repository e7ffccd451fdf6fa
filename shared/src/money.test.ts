import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  MoneyError,
  moneyProblem,
  mulRateBps,
  mulRateBpsExact,
  parseMoney,
  rateProductToMoney,
  readMoney,
  roundHalfUpToCents,
  sumMoney,
  sumMoneyStrings,
} from './money.ts';
import { moneyAmount, moneyString } from './schemas/money.ts';

describe('readMoney', () => {
  it.each([
    ['-12.3456', -123456n],
    ['957.5775', 9575775n],
    ['0', 0n],
    ['-0.0', 0n],
    ['22.36800', 223680n],
    ['000000000000000012.5', 125000n],
    ['99999999999999.9999', 999999999999999999n],
  ])('reads %s as exact units', (input, expected) => {
    expect(readMoney(input)).toBe(expected);
  });

  it.each(['1.23456', '123456789012345', '1e3', '', '12.', '.5', '+1', '1,5'])(
    'says why %j is no amount, in moneyProblem words',
    (input) => {
      const problem = moneyProblem(input);
      expect(problem).not.toBeNull();
      expect(readMoney(input)).toBe(problem);
    },
  );

  it('agrees with moneyProblem on any decimal-looking text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,17}(\.\d{0,7})?$/), (input) => {
        const problem = moneyProblem(input);
        const read = readMoney(input);
        if (problem) expect(read).toBe(problem);
        else {
          // Units by arithmetic: whole × 10,000 + the first 4 decimals, signed.
          const [, sign, whole = '', fraction = ''] = /^(-)?(\d+)(?:\.(\d*))?$/.exec(input) ?? [];
          const units = BigInt(whole) * 10_000n + BigInt(fraction.slice(0, 4).padEnd(4, '0'));
          expect(read).toBe(sign ? -units : units);
        }
      }),
    );
  });
});

describe('parseMoney', () => {
  it.each([
    ['-12.3456', -123456n],
    ['957.5775', 9575775n],
    ['22.368', 223680n],
    ['0', 0n],
    ['-0', 0n],
    ['0.0001', 1n],
    ['2297200.8603', 22972008603n],
    ['007.5', 75000n],
    ['22.36800', 223680n],
    ['99999999999999.9999', 999999999999999999n],
  ])('parses %s exactly', (input, expected) => {
    expect(parseMoney(input)).toBe(expected);
  });

  it.each([
    ['1e3', 'exponent notation is not accepted'],
    ['-1.5E-2', 'exponent notation is not accepted'],
    ['e', 'expected a plain decimal'],
    ['12.34567', 'has more than 4 decimal places'],
    ['0.00001', 'has more than 4 decimal places'],
    ['abc', 'expected a plain decimal'],
    ['', 'is empty'],
    ['NaN', 'expected a plain decimal'],
    ['Infinity', 'expected a plain decimal'],
    [' 12.5', 'expected a plain decimal'],
    ['1,234.50', 'expected a plain decimal'],
    ['+5', 'expected a plain decimal'],
    ['.5', 'expected a plain decimal'],
    ['5.', 'expected a plain decimal'],
    ['--5', 'expected a plain decimal'],
    ['100000000000000', 'is too large'],
  ])('rejects %j: %s', (input, message) => {
    expect(() => parseMoney(input)).toThrow(MoneyError);
    expect(() => parseMoney(input)).toThrow(message);
  });

  it('names the input in the message', () => {
    expect(() => parseMoney('12.34567')).toThrow(
      'Invalid money amount "12.34567": has more than 4 decimal places',
    );
  });

  it('rejects non-strings that slip past the type system', () => {
    expect(() => parseMoney(Number.NaN as unknown as string)).toThrow(
      'expected a decimal string, got number',
    );
    expect(() => parseMoney(12 as unknown as string)).toThrow(MoneyError);
    expect(() => parseMoney(undefined as unknown as string)).toThrow('got undefined');
  });
});

describe('formatMoney', () => {
  it.each([
    [9575775n, '957.5775'],
    [223680n, '22.368'],
    [2619600n, '261.96'],
    [0n, '0.00'],
    [-30000n, '-3.00'],
    [1n, '0.0001'],
    [-1n, '-0.0001'],
    [-123456n, '-12.3456'],
    [10n ** 30n, '100000000000000000000000000.00'],
  ])('formats %s as %s', (m, expected) => {
    expect(formatMoney(m)).toBe(expected);
  });

  it('round-trips with parseMoney', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }),
        (m) => parseMoney(formatMoney(m)) === m,
      ),
    );
  });
});

describe('roundHalfUpToCents', () => {
  it.each([
    [10050n, 10100n], // 1.0050 -> 1.01
    [10049n, 10000n],
    [-10050n, -10100n], // half away from zero
    [-10049n, -10000n],
    [10150n, 10200n], // not banker's rounding
    [0n, 0n],
    [49n, 0n],
    [50n, 100n],
    [2619600n, 2619600n],
  ])('%s -> %s', (m, expected) => {
    expect(roundHalfUpToCents(m)).toBe(expected);
  });
});

describe('rates in basis points', () => {
  it('multiplies exactly', () => {
    expect(mulRateBps(10000n, 800)).toBe(800n); // 1.00 × 8% = 0.08
    expect(mulRateBpsExact(9575775n, 800)).toBe(7660620000n); // 957.5775 × 8% = 76.6062 (in 1e-8 units)
    expect(mulRateBps(9575775n, 800)).toBe(766062n);
    expect(mulRateBps(9575775n, 500)).toBe(478789n); // 47.878875 -> 47.8789
  });

  it('rounds below 1/10,000 half away from zero', () => {
    expect(mulRateBps(1n, 800)).toBe(0n); // 0.000008
    expect(mulRateBps(1n, 5000)).toBe(1n); // 0.00005 -> 0.0001
    expect(mulRateBps(-1n, 5000)).toBe(-1n);
    expect(mulRateBps(1n, 4999)).toBe(0n);
    expect(rateProductToMoney(-15000n)).toBe(-2n);
  });

  it('rejects non-integer rates', () => {
    expect(() => mulRateBps(1n, 1.5)).toThrow('basis points must be a whole number');
    expect(() => mulRateBps(1n, Number.NaN)).toThrow(MoneyError);
  });
});

describe('moneyString / moneyAmount schemas', () => {
  it('accepts decimal strings and keeps them as strings', () => {
    expect(moneyString.parse('957.5775')).toBe('957.5775');
    expect(moneyAmount.parse('957.5775')).toBe(9575775n);
  });

  it('reports a clear message', () => {
    const result = moneyString.safeParse('12.34567');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'Invalid money amount "12.34567": has more than 4 decimal places',
    );
    expect(moneyString.safeParse(12).error?.issues[0]?.message).toBe(
      'expected a decimal string such as "12.3456"',
    );
    expect(moneyAmount.safeParse('abc').success).toBe(false);
  });
});

/** Formats integer 1/10,000 units without going through the code under test. */
function unitsToDecimal(units: number): string {
  const abs = Math.abs(units);
  return `${units < 0 ? '-' : ''}${Math.floor(abs / 10000)}.${String(abs % 10000).padStart(4, '0')}`;
}

describe('sumMoney is exact', () => {
  // 10,000 amounts with four decimals up to ±1,000,000; a fixed seed keeps the float check stable.
  const units = fc.sample(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), {
    seed: 20261123,
    numRuns: 10_000,
  });
  const strings = units.map(unitsToDecimal);

  it('equals the reference sum of scaled integers', () => {
    // The reference sums plain JS integers: |total| ≤ 1e14 < 2^53, so every step is exact.
    let reference = 0;
    for (const u of units) reference += u;
    expect(Number.isSafeInteger(reference)).toBe(true);
    const total = sumMoney(strings.map(parseMoney));
    expect(total).toBe(BigInt(reference));
    expect(formatMoney(total)).toBe(unitsToDecimal(reference).replace(/(\.\d\d\d?)0+$/, '$1'));
  });

  it('differs from float summation of the same data (so the check above can fail)', () => {
    let float = 0;
    for (const s of strings) float += Number.parseFloat(s);
    const exact = formatMoney(sumMoney(strings.map(parseMoney)));
    expect(float).not.toBe(Number(exact));
    expect(String(float)).not.toBe(exact);
  });

  it('holds for arbitrary data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), { maxLength: 200 }),
        (xs) => {
          const reference = xs.reduce((a, b) => a + b, 0);
          return sumMoney(xs.map((u) => parseMoney(unitsToDecimal(u)))) === BigInt(reference);
        },
      ),
    );
  });
});

describe('sumMoneyStrings', () => {
  it('adds decimal strings exactly', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats; 957.5775 + 22.368 - 0.0001 = 979.9454.
    expect(sumMoneyStrings(['0.1', '0.2'])).toBe('0.30');
    expect(sumMoneyStrings(['957.5775', '22.368', '-0.0001'])).toBe('979.9454');
    expect(sumMoneyStrings([])).toBe('0.00');
  });
  it('refuses what is not money', () => {
    expect(() => sumMoneyStrings(['1e3'])).toThrow('exponent notation');
  });
});
