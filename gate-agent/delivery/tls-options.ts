import { connect, type DetailedPeerCertificate } from "node:tls";

/** How an agent knows the school's server over HTTPS (`wanfeng tls init` prints both). */
export interface ServerTrust {
  /** The local CA certificate (PEM text), e.g. <dataDir>/tls/ca.crt copied to the gate PC. */
  ca?: string;
  /** Or the SHA-256 fingerprint of that CA (or of a self-signed server certificate). */
  fingerprint?: string;
}

/** Spread into socket.io-client's options: it hands `ca` and `rejectUnauthorized` to the TLS layer. */
export interface AgentTlsOptions {
  ca?: string;
  rejectUnauthorized: true;
}

/**
 * The TLS options an agent connects with. The server is always verified: by the given CA, by the
 * certificate whose fingerprint is pinned (fetched once from the server and then used as the
 * only CA, so a server showing any other chain is refused), or by the system's CAs.
 */
export async function agentTlsOptions(serverUrl: string, trust: ServerTrust): Promise<AgentTlsOptions> {
  if (trust.ca) return { ca: trust.ca, rejectUnauthorized: true };
  if (!trust.fingerprint) return { rejectUnauthorized: true };
  const url = new URL(serverUrl);
  if (url.protocol !== "https:") throw new Error("--fingerprint needs an https:// server address");
  const chain = await peerChain(url.hostname, Number(url.port || 443));
  const wanted = normalise(trust.fingerprint);
  const pinned = chain.find((cert) => normalise(cert.fingerprint256) === wanted);
  if (!pinned)
    throw new Error(`the server at ${url.host} does not show the pinned certificate ${trust.fingerprint}`);
  return { ca: toPem(pinned.raw), rejectUnauthorized: true };
}

/** The certificates the server presents; nothing is sent over this connection. */
function peerChain(host: string, port: number): Promise<DetailedPeerCertificate[]> {
  return new Promise((resolve, reject) => {
    const servername = /^[\d.]+$|:/.test(host) ? undefined : host;
    // Not verified here on purpose: the pin is checked below, and only the pinned cert is trusted.
    const socket = connect(
      { host, port, rejectUnauthorized: false, ...(servername ? { servername } : {}) },
      () => {
        const chain: DetailedPeerCertificate[] = [];
        let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
        while (cert?.raw && !chain.some((c) => c.fingerprint256 === cert?.fingerprint256)) {
          chain.push(cert);
          cert = cert.issuerCertificate;
        }
        socket.end();
        resolve(chain);
      },
    );
    socket.once("error", reject);
  });
}

function normalise(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, "").toUpperCase();
}

function toPem(der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}
