import type { PullResponse } from '@rapport/shared/sync/protocol';
import type { TypedResponse } from 'hono';
import { streamSSE } from 'hono/streaming';
import { reclaimErasedSpace } from '../../entities/erase.ts';
import type { AppRouteHandler } from '../../lib/app-env.ts';
import { errorBody } from '../../lib/errors.ts';
import type { Poke, PokeHub } from '../../sync/pokes.ts';
import { pullPage, pullResponseJson } from '../../sync/pull.ts';
import { pushMutations } from '../../sync/push.ts';
import type { eventsRoute, pullRoute, pushRoute } from './sync.routes.ts';

/** True when the push erased someone: their bytes are then reclaimed, after the commit. */
function appliedAnErase(
  mutations: readonly { id: number; name: string }[],
  results: readonly { id: number; status: string }[],
): boolean {
  const erases = new Set(mutations.filter((m) => m.name === 'contact.erase').map((m) => m.id));
  return results.some((r) => r.status === 'applied' && erases.has(r.id));
}

export const push: AppRouteHandler<typeof pushRoute> = async (c) => {
  const body = c.req.valid('json');
  const outcome = await pushMutations(c.var, c.var.auth.user, body);
  if (outcome.kind === 'done') {
    if (appliedAnErase(body.mutations, outcome.response.results))
      await reclaimErasedSpace(c.var.store, c.var.auth.team.id);
    return c.json(outcome.response, 200);
  }
  const { lastMutationId, firstId } = outcome;
  const message = `Mutation ${firstId} does not follow this client's last applied mutation ${lastMutationId}; resend from ${lastMutationId + 1}`;
  return c.json(errorBody('mutation_gap', message, { lastMutationId }), 409);
};

export const pull: AppRouteHandler<typeof pullRoute> = async (c) => {
  const page = await pullPage(c.var.store, c.var.auth.user, c.req.valid('query'));
  // Built as text (states spliced in unparsed); the body is exactly the route's PullResponse.
  return c.body(pullResponseJson(page, c.var.clock.now().toISOString()), 200, {
    'content-type': 'application/json',
  }) as unknown as TypedResponse<PullResponse, 200, 'json'>;
};

export interface EventsOptions {
  hub: PokeHub;
  /** How often a comment line keeps idle proxies from closing the stream. */
  heartbeatMs: number;
}

/** SSE: pokes for the caller's team until the client goes away. */
export function events({ hub, heartbeatMs }: EventsOptions): AppRouteHandler<typeof eventsRoute> {
  return (c) => {
    const { team } = c.var.auth;
    return streamSSE(c, async (stream) => {
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      // One write at a time: pokes and heartbeats arrive from timers and other requests.
      let queue = Promise.resolve();
      const send = (write: () => Promise<unknown>) => {
        queue = queue.then(write).then(
          () => undefined,
          () => undefined,
        );
      };
      const poke = (p: Poke) => send(() => stream.writeSSE({ event: 'poke', data: JSON.stringify(p) }));
      const unsubscribe = hub.subscribe(team.id, poke);
      const heartbeat = setInterval(() => send(() => stream.write(': heartbeat\n\n')), heartbeatMs);
      try {
        // A fresh connection may have missed pokes: the first one says where the team is now.
        send(() =>
          stream.writeSSE({
            event: 'poke',
            data: JSON.stringify({ version: team.version, clientId: null }),
            retry: 5000,
          }),
        );
        await closed;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    });
  };
}
