// The public surface of @rapport/server for other packages (test/ suites, benchmarks).

export { bootstrap } from './accounts/bootstrap.ts';
export { issueToken, login } from './accounts/sessions.ts';
export { createTeam, createUser } from './accounts/users.ts';
export { API_PREFIX, apiRouters, type CreateAppOptions, createApp } from './app.ts';
export { runCli } from './cli/runner.ts';
export { appLimits, type Env, parseEnv } from './env.ts';
export { type Clock, manualClock, systemClock } from './lib/clock.ts';
export { createLogger } from './lib/log.ts';
export { describeStore, openStore } from './store/open-store.ts';
export type * from './store/store.ts';
