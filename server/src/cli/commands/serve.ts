import { appLimits } from '../../env.ts';
import { describeStore } from '../../store/open-store.ts';
import type { CliCommand } from '../command.ts';

/** Runs the HTTP server until SIGINT/SIGTERM; prints its URL on stdout once listening. */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Start the API (and dashboard) server on PORT',
  usage: '',
  async run(ctx) {
    // Loaded here, not at start-up: other commands answer without the HTTP app's modules.
    const [{ createApp }, { startHttpServer }, { startMetricsScheduler }, { ensureDashboardBuilt }] =
      await Promise.all([
        import('../../app.ts'),
        import('../../lib/http-server.ts'),
        import('../../metrics/scheduler.ts'),
        import('../../routes/dashboard/dashboard.build.ts'),
      ]);
    // A fresh checkout has no dashboard build: make one rather than answer 503 at `/`.
    await ensureDashboardBuilt(undefined, ctx.err);
    const store = await ctx.store();
    const limits = appLimits(ctx.env);
    const app = createApp({ store, clock: ctx.clock, log: ctx.log, ...limits });
    const server = await startHttpServer({
      fetch: app.fetch,
      port: ctx.env.PORT,
      hostname: ctx.env.HOST,
      maxBodyBytes: limits.maxBodyBytes,
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : ctx.env.PORT;
    ctx.err(`Rapport is listening (${describeStore(ctx.env)}). Stop with Ctrl+C.\n`);
    ctx.out(`http://localhost:${port}/\n`);
    // Trailing tier windows move with the calendar: recompute customer metrics daily.
    const metrics = startMetricsScheduler({ store, clock: ctx.clock, log: ctx.log });
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await metrics.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    ctx.err('Rapport stopped.\n');
    return 0;
  },
};
