import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTlsFiles, runTlsInitCommand, tlsDir } from "../../cli/tls-command";
import { agentTlsOptions } from "../../gate-agent/delivery/tls-options";
import { DEVICE_NAMESPACE } from "../../protocol";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { createTestSchool, PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();

/** Finding 6: `tls init`, HTTPS with the HTTP port redirecting, Secure cookies, agents that verify. */
describe.skipIf(!hasOpenssl)("HTTPS", () => {
  let school: TestSchool;
  let server: RunningServer;
  let ca: string;

  beforeAll(async () => {
    school = await createTestSchool();
    const log = console.log;
    console.log = () => undefined;
    try {
      await runTlsInitCommand({ dataDir: school.dataDir });
    } finally {
      console.log = log;
    }
    ca = await readFile(join(tlsDir(school.dataDir), "ca.crt"), "utf-8");
    server = await startServer({
      store: school.store,
      journal: await openFileJournal(join(school.dataDir, "journal")),
      port: 0,
      host: "127.0.0.1",
      tls: await readTlsFiles(school.dataDir),
    });
  });

  afterAll(async () => {
    await server?.close();
    if (school) await removeSchool(school);
  });

  it("redirects plain HTTP on the same port to https", async () => {
    const res = await new Promise<{ status?: number; location?: string }>((resolve, reject) => {
      httpRequest(`http://127.0.0.1:${server.port}/api/session`, (r) => {
        r.resume();
        resolve({ status: r.statusCode, location: r.headers.location });
      })
        .on("error", reject)
        .end();
    });
    expect(res).toEqual({ status: 308, location: `https://127.0.0.1:${server.port}/api/session` });
  });

  it("logs in over HTTPS trusting the CA, and the cookie is Secure", async () => {
    const cookie = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(
        `https://localhost:${server.port}/api/session`,
        { method: "POST", ca, headers: { "content-type": "application/json" } },
        (r) => {
          r.resume();
          resolve(String(r.headers["set-cookie"]?.[0] ?? ""));
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ username: "admin", password: PASSWORD }));
    });
    expect(cookie).toMatch(/; Secure/);
  });

  it("an agent connects with the pinned CA fingerprint; a wrong pin is refused", async () => {
    const url = `https://127.0.0.1:${server.port}`;
    const fingerprint = new X509Certificate(ca).fingerprint256;
    const tls = await agentTlsOptions(url, { fingerprint });
    const socket = io(url + DEVICE_NAMESPACE, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      auth: { token: school.tokens.gate },
      ...tls,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    socket.disconnect();
    await expect(agentTlsOptions(url, { fingerprint: "00:11" })).rejects.toThrow("pinned");
    const untrusted = io(url + DEVICE_NAMESPACE, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      auth: { token: school.tokens.gate },
      rejectUnauthorized: true,
    });
    await expect(
      new Promise((resolve, reject) => {
        untrusted.once("connect", () => resolve("connected"));
        untrusted.once("connect_error", reject);
      }),
    ).rejects.toThrow();
    untrusted.disconnect();
  });
});
