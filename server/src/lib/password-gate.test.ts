import { afterEach, describe, expect, it, vi } from 'vitest';
import { PasswordGate } from './password-gate.ts';
import { hashPassword } from './passwords.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('PasswordGate', () => {
  it('answers an unknown email only after as long as a real check takes, without hashing', async () => {
    const gate = new PasswordGate(2);
    // One real check at the default cost teaches the gate how long a check takes.
    const stored = await hashPassword('correct horse battery staple');
    const started = performance.now();
    expect(await gate.check('wrong', stored)).toBe(false);
    const checkMs = performance.now() - started;
    expect(gate.checksStarted).toBe(1);

    // Time stands still: the unknown email's answer waits for the clock to move that long.
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    let answered: boolean | null = null;
    void gate.check('anything', undefined).then((ok) => {
      answered = ok;
    });
    await vi.advanceTimersByTimeAsync(Math.max(0, checkMs * 0.5 - 1));
    expect(answered).toBeNull();
    await vi.advanceTimersByTimeAsync(checkMs * 2);
    expect(answered).toBe(false);
    // …and it never ran scrypt: a flood of made-up emails costs no CPU.
    expect(gate.checksStarted).toBe(1);
  });
});
