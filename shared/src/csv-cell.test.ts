import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCellText, csvSafeCell } from './csv-cell.ts';

describe('csvSafeCell', () => {
  it.each([
    ['+1+HYPERLINK("http://x","y")', '\'+1+HYPERLINK("http://x","y")'],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['=1+1', "'=1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-', "'-"],
    ['+1 415 555 0100', "'+1 415 555 0100"],
  ])('quotes the formula %j', (cell, expected) => {
    expect(csvSafeCell(cell)).toBe(expected);
  });

  it.each(['-12.50', '+14155550132', '-0.5', '0', '1234.5678', '-.5'])('keeps the plain number %j', (n) => {
    expect(csvSafeCell(n)).toBe(n);
  });

  it('leaves ordinary text alone and writes numbers and empties as text', () => {
    expect(csvSafeCell('Sean Miller')).toBe('Sean Miller');
    expect(csvSafeCell('a=b')).toBe('a=b');
    expect(csvSafeCell(-12.5)).toBe('-12.5');
    expect(csvSafeCell(3n)).toBe('3');
    expect(csvSafeCell(null)).toBe('');
    expect(csvSafeCell(undefined)).toBe('');
  });
});

describe('csvCellText', () => {
  it('reads back what csvSafeCell wrote', () => {
    expect(csvCellText('\'=HYPERLINK("http://x","y")')).toBe('=HYPERLINK("http://x","y")');
    expect(csvCellText("'+1 415 555 0100")).toBe('+1 415 555 0100');
    expect(csvCellText("'quoted on purpose")).toBe("'quoted on purpose");
    expect(csvCellText('-12.50')).toBe('-12.50');
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.startsWith("'")),
        (s) => csvCellText(csvSafeCell(s)) === s,
      ),
    );
  });
});
