import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createLogger } from "../common/log";
import { planDemoTaps } from "../demo/demo-plan";
import { readDemoLogins } from "../demo/demo-school";
import { createTapSender, parseReaderSpec, sendOneTap, startAgent } from "../gate-agent";
import { agentTlsOptions } from "../gate-agent/delivery/tls-options";
import { type BackendOptions, openCommandStorage } from "./backend";
import { dataDirFrom } from "./paths";

const log = createLogger("cli");

export async function runAgentCommand(options: {
  server: string[];
  token: string;
  reader?: string[];
  dataDir?: string;
  cacheMaxAge?: string;
  ca?: string;
  fingerprint?: string;
}): Promise<void> {
  // No --reader: the agent runs the readers configured for this device on the server.
  const readers = (options.reader ?? []).map(parseReaderSpec);
  const dataDir = options.dataDir ? resolve(options.dataDir) : defaultAgentDir(options.token);
  const [serverUrl = "", ...fallbackServerUrls] = options.server;
  const minutes = options.cacheMaxAge === undefined ? undefined : Number(options.cacheMaxAge);
  if (minutes !== undefined && !(minutes >= 0))
    throw new Error(`not a number of minutes: ${options.cacheMaxAge}`);
  const trust = {
    ...(options.ca ? { ca: await readFile(resolve(options.ca), "utf8") } : {}),
    ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
  };
  const tls = serverUrl.startsWith("https:") ? await agentTlsOptions(serverUrl, trust) : undefined;
  const agent = await startAgent({
    serverUrl,
    ...(tls ? { tls } : {}),
    fallbackServerUrls,
    token: options.token,
    readers,
    dataDir,
    ...(minutes === undefined ? {} : { cacheMaxAgeMs: minutes * 60_000 }),
  });
  log.info(
    {
      server: options.server,
      dataDir,
      readers: readers.length > 0 ? readers.map((r) => `${r.profile}:${r.path}`) : "from the server",
    },
    "gate agent running",
  );
  const stop = async () => {
    await agent.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

/**
 * One folder per device on the machine (two agents for two gates must not share an outbox), named
 * by a fingerprint of the token so the folder name never reveals the token itself.
 */
function defaultAgentDir(token: string): string {
  const fingerprint = createHash("sha256").update(token).digest("hex").slice(0, 12);
  return join(dataDirFrom(undefined), "agent", fingerprint);
}

export async function runTapCommand(card: string, options: { server: string; token: string }): Promise<void> {
  const outcome = await sendOneTap({ serverUrl: options.server, token: options.token, cardNumber: card });
  console.log(JSON.stringify(outcome, null, 2));
}

/** Plays the demo school's day through its own device tokens, so a newcomer watches the screens move. */
export async function runDemoTapsCommand(options: BackendOptions & { server: string; interval: number }) {
  const dataDir = dataDirFrom(options.dataDir);
  const demo = await readDemoLogins(dataDir);
  if (!demo)
    throw new Error(`no demo school in ${dataDir}: start the server once on an empty data folder first`);
  const { storage, close } = await openCommandStorage(options, "demo-taps", { writes: false });
  const roster = storage.schoolRoster();
  await close();
  const plan = planDemoTaps(roster, demo.devices);
  const senders = new Map(
    demo.devices.map((d) => [d.token, createTapSender({ serverUrl: options.server, token: d.token })]),
  );
  console.log(
    `Demo: ${plan.length} taps, one every ${options.interval} ms. Watch the kiosk and gate screens.`,
  );
  try {
    for (const step of plan) {
      const sender = senders.get(step.token);
      if (!sender) continue;
      const outcome = await sender.send({ kind: "card", cardId: step.cardId }, "demo");
      console.log(`${step.label.padEnd(28)} → ${describe(outcome.result)}`);
      await new Promise((r) => setTimeout(r, options.interval));
    }
  } finally {
    await Promise.all([...senders.values()].map((s) => s.close()));
  }
}

function describe(result: { kind: string }): string {
  return JSON.stringify(result);
}
