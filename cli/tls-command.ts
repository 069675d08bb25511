import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, networkInterfaces } from "node:os";
import { join } from "node:path";
import type { TlsFiles } from "../server/http/tls-listener";
import { dataDirFrom } from "./paths";

/** `<dataDir>/tls/`: the local CA and the server's certificate, private like the rest of the folder. */
export const tlsDir = (dataDir: string) => join(dataDir, "tls");

/**
 * `wanfeng tls init`: a local certificate authority and a server certificate signed by it, for
 * every name and LAN address of this machine (plus --name), made with Debian's openssl. Or, with
 * --cert and --key, the school's own certificate is taken instead. Kiosk tablets trust ca.crt;
 * agents trust it too (--ca) or pin its fingerprint (--fingerprint).
 */
export async function runTlsInitCommand(options: {
  dataDir?: string;
  name?: string[];
  cert?: string;
  key?: string;
}): Promise<void> {
  const dir = tlsDir(dataDirFrom(options.dataDir));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (options.cert || options.key) {
    if (!options.cert || !options.key) throw new Error("give both --cert and --key");
    new X509Certificate(await readFile(options.cert));
    await copyFile(options.cert, join(dir, "server.crt"));
    await copyFile(options.key, join(dir, "server.key"));
    console.log(`Took the school's certificate into ${dir}. Start with: wanfeng start --tls`);
    return;
  }
  const names = [...new Set(["localhost", hostname(), ...(options.name ?? [])])];
  const addresses = ["127.0.0.1", "::1", ...lanAddresses()];
  const san = [...names.map((n) => (isIp(n) ? `IP:${n}` : `DNS:${n}`)), ...addresses.map((a) => `IP:${a}`)];
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  openssl(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "3650",
    "-subj",
    `/CN=Wanfeng local CA (${hostname()})`,
    "-addext",
    "basicConstraints=critical,CA:TRUE,pathlen:0",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  openssl("req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${hostname()}`);
  await writeFile(
    join(dir, "server.ext"),
    [
      `subjectAltName=${[...new Set(san)].join(",")}`,
      "basicConstraints=CA:FALSE",
      "keyUsage=critical,digitalSignature",
      "extendedKeyUsage=serverAuth",
    ].join("\n"),
  );
  openssl(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.crt",
    "-days",
    "825",
    "-extfile",
    "server.ext",
  );
  await rm(join(dir, "server.csr"), { force: true });
  // The full chain: an agent pinning the CA's fingerprint must see the CA in the handshake.
  const leaf = await readFile(join(dir, "server.crt"), "utf-8");
  await writeFile(join(dir, "server.crt"), leaf + (await readFile(join(dir, "ca.crt"), "utf-8")));
  const ca = new X509Certificate(await readFile(join(dir, "ca.crt")));
  console.log(
    [
      `Made a local CA and a server certificate in ${dir}`,
      `  names: ${san.join(" ")}`,
      `  tablets and browsers: install ${join(dir, "ca.crt")} as a trusted CA (docs/decisions.md, Security)`,
      `  gate agents: trust ca.crt, or pin the CA fingerprint ${ca.fingerprint256}`,
      "Start with: wanfeng start --tls",
    ].join("\n"),
  );
}

/** The certificate and key `start --tls` serves. */
export async function readTlsFiles(dataDir: string): Promise<TlsFiles> {
  const dir = tlsDir(dataDir);
  try {
    return { cert: await readFile(join(dir, "server.crt")), key: await readFile(join(dir, "server.key")) };
  } catch {
    throw new Error(`no certificate in ${dir}: run \`wanfeng tls init\` first`);
  }
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && !i.internal)
    .map((i) => (i?.address ?? "").split("%")[0] ?? "")
    .filter((a) => a !== "");
}

function isIp(name: string): boolean {
  return /^[\d.]+$/.test(name) || name.includes(":");
}
