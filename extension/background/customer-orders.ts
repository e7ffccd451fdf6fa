import { readState } from '../db/sync-state.ts';
import { CustomerOrders } from '../messaging/extension-commands.ts';
import { API, HttpError, requestJson, serverOrigin } from '../sync/http.ts';
import { type BackgroundServices, CommandError, type Sender, serverFailure } from './services.ts';

/**
 * The quick lookup's order list and orders by month, read from the team server (order lines are not
 * synced to the browser). Offline, or without a server answer, it fails with code 'offline' so the
 * view can say that order history needs a connection; everything else the lookup shows stays local.
 */
export async function customerOrders(
  services: BackgroundServices,
  customerId: string,
  limit: number,
  sender: Sender,
): Promise<CustomerOrders> {
  if (sender.fromPage) throw new CommandError('forbidden', 'Order history is shown in the side panel only');
  const account = await readState(services.db, 'account');
  if (!account?.token) throw new CommandError('signed_out', 'Sign in to see order history');
  const url = `${serverOrigin(account.serverUrl)}${API}/customers/${encodeURIComponent(customerId)}/orders?limit=${limit}`;
  try {
    return await requestJson(services.fetch, { method: 'GET', url, token: account.token }, CustomerOrders);
  } catch (error) {
    // No answer, or a 5xx/429: the server cannot be used now. A 200 it could not read is a bug, said as such.
    if (error instanceof HttpError && error.transient && error.status !== 200)
      throw new CommandError('offline', 'Offline — order history needs a connection');
    // The server's code (not_found: the customer may not have synced yet, forbidden, …) for the UI to say.
    if (error instanceof HttpError) throw serverFailure(error, error.kind);
    throw error;
  }
}
