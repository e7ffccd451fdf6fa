// Entry point: `pnpm -s rapport <command>` from the repository root (see runner.ts and commands/index.ts).
import { runCli } from './runner.ts';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort());
}

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  signal: controller.signal,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
