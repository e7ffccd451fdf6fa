import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBadText, textProblem, truncateText, walkBadText } from './text.ts';

const EMOJI = '\u{1F600}'; // 😀, two UTF-16 units

describe('textProblem', () => {
  it('accepts ordinary text, whole emoji and other control characters', () => {
    for (const ok of ['', 'Sean Miller', `hi ${EMOJI}`, '李雷', 'tab\there', '\uFFFD'])
      expect(textProblem(ok)).toBeNull();
  });
  it('names a NUL and an unpaired surrogate with its position', () => {
    expect(textProblem('ab\0c')).toBe('contains a NUL character (U+0000) at position 2');
    expect(textProblem(`x${EMOJI.slice(0, 1)}`)).toBe(
      'contains an unpaired surrogate (U+D83D) at position 1: a broken character',
    );
    expect(textProblem(`${EMOJI.slice(1)}y`)).toContain('U+DE00) at position 0');
    expect(textProblem(`${EMOJI.slice(1)}${EMOJI.slice(0, 1)}`)).toContain('at position 0'); // reversed pair
  });
});

describe('findBadText', () => {
  it('answers as its walk does, with or without the clean-text shortcut', () => {
    const bad = fc.constantFrom('x\0', '\uD800', 'a\uDC00b', '__proto__', 'ok', EMOJI);
    const key = fc.oneof(fc.string(), bad);
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string({ unit: 'binary' }), bad, fc.constant(null), fc.integer(), fc.boolean()),
        fc.array(tie('node'), { maxLength: 4 }),
        fc
          .array(fc.tuple(key, tie('node')), { maxLength: 4 })
          .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries)))),
        fc.array(fc.tuple(key, tie('node')), { maxLength: 3 }).map((entries) => {
          // Own "__proto__" keys, as JSON.parse makes them.
          const body = entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v ?? null)}`);
          return JSON.parse(`{"__proto__":1${body.length ? ',' : ''}${body.join(',')}}`);
        }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(findBadText(v)).toEqual(walkBadText(v));
      }),
      { numRuns: 3000, seed: 10 },
    );
    // Deeper than the shortcut recurses: the walk answers.
    let deep: unknown = 'x\0';
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(findBadText(deep)?.path).toHaveLength(200);
  });

  it('finds the path of the first bad string, keys included', () => {
    expect(findBadText({ a: [1, 'ok', { b: 'x\0' }] })).toEqual({
      path: ['a', 2, 'b'],
      message: 'contains a NUL character (U+0000) at position 1',
    });
    expect(findBadText({ 'k\uD800': 1 })?.path).toEqual(['k\uD800']);
    expect(findBadText({ a: [null, true, 3, 'fine'] })).toBeNull();
    expect(findBadText(JSON.parse('{"a":{"__proto__":{"x":1}}}'))?.path).toEqual(['a', '__proto__']);
  });
  it('walks deep nesting without overflowing the stack', () => {
    let deep: unknown = 'bottom\0';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findBadText(deep)?.path).toHaveLength(100_000);
  });
  it('any string with a NUL or lone surrogate inserted is found (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom('\0', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
        (a, b, bad) => {
          expect(findBadText({ x: [a + bad + b] })?.path).toEqual(['x', 0]);
          expect(findBadText({ x: [a + b] })).toBeNull();
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('truncateText', () => {
  it('never splits a surrogate pair', () => {
    expect(truncateText(`ab${EMOJI}`, 3)).toBe('ab');
    expect(truncateText(`ab${EMOJI}`, 4)).toBe(`ab${EMOJI}`);
    expect(truncateText('abcdef', 3)).toBe('abc');
  });
  it('gives clean text at most max long for any text and cut (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(80), (s, max) => {
        const cut = truncateText(s, max);
        expect(cut.length).toBeLessThanOrEqual(Math.max(max, 0));
        expect(s.startsWith(cut)).toBe(true);
        expect(textProblem(cut)).toBeNull();
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
