// Health checks call store.ping(): it must answer while every connection (SQLite's one writer, the
// Postgres pool) is taken by transactions that are waiting for something.
import { expect, it } from 'vitest';
import { forEachStore } from '../testing/test-store.ts';

forEachStore('store.ping()', (ctx) => {
  it('answers while open transactions hold every pooled connection and more wait', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The test stores' Postgres pool has 4 connections; SQLite runs one transaction at a time.
    const transactions = Array.from({ length: 6 }, () =>
      ctx.store.transaction(async (tx) => {
        await tx.db.get('SELECT 1');
        await held;
      }),
    );
    try {
      await new Promise((r) => setTimeout(r, 100));
      const answered = await Promise.race([
        ctx.store.ping().then(() => 'answered'),
        new Promise((r) => setTimeout(() => r('still waiting'), 5000)),
      ]);
      expect(answered).toBe('answered');
    } finally {
      release();
      await Promise.all(transactions);
    }
  });
});
