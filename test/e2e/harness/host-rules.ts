// Chromium's --host-resolver-rules for end-to-end runs: the mapped site hostnames resolve to local
// servers, every other name fails at once (so a saved page's trackers and fonts never leave the
// machine and never stall a test), and localhost / 127.0.0.1 stay reachable for the Rapport server.

/** hostname -> "127.0.0.1:PORT" (or just the port number). */
export type HostMap = Readonly<Record<string, string | number>>;

const HOSTNAME = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

export function hostResolverRules(hostMap: HostMap): string {
  const rules = Object.entries(hostMap).map(([host, target]) => {
    if (!HOSTNAME.test(host))
      throw new Error(`hostMap: "${host}" is not a hostname (no scheme, port or path)`);
    const to = typeof target === 'number' ? `127.0.0.1:${target}` : target;
    if (!/^[\w.-]+:\d+$/.test(to))
      throw new Error(`hostMap: "${host}" must map to "host:port" or a port number, got "${to}"`);
    return `MAP ${host} ${to}`;
  });
  // MAP * also catches IP literals, so the loopback address is excluded by name as well.
  return [...rules, 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'].join(', ');
}
