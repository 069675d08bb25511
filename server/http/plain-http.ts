/**
 * Whether the server is reachable from the network over plain HTTP, where passwords, session
 * cookies and device tokens would cross the school's Wi-Fi in clear (issue 12, item 6). The log
 * says it at start; the admin screen shows it as a banner for as long as it holds.
 */

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export interface ListenSecurity {
  /** The address listened on; 0.0.0.0 when none was given. */
  host: string;
  tls: boolean;
  /** Behind a TLS proxy the operator named (`--trust-proxy`): the proxy encrypts. */
  trustProxy: boolean;
}

/** The demo school is exempt: it runs on a laptop to be looked at, with demo passwords. */
export function plainHttpOnNetwork(listen: ListenSecurity, demo: boolean): boolean {
  return !(listen.tls || demo || listen.trustProxy || LOOPBACK.has(listen.host));
}
