import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIOSK_DIST } from "../../cli/paths";
import { type Agent, type AgentEvent, startAgent } from "../../gate-agent";
import { type RunningServer, startServer } from "../../server/app";
import { openFileJournal } from "../../server/store/file-journal";
import { EventLog } from "../gate-agent/helpers/events";
import { rdm6300Card } from "../gate-agent/helpers/frames";
import { type PtyPair, startPtyPair } from "../gate-agent/helpers/socat";
import { ARTIFACTS_DIR, launchChromium, openLoggedIn } from "../support/browser";
import { createTestSchool, PASSWORD, removeSchool, type TestSchool } from "../support/server-harness";

/** The technician sees a gate agent's outbox, clock offset (with its alarm) and offline cache. */
describe("agent health on the technician screen", () => {
  let school: TestSchool;
  let server: RunningServer;
  let browser: Browser;
  let reader: PtyPair;
  let agent: Agent;
  const events = new EventLog<AgentEvent>();

  beforeAll(async () => {
    school = await createTestSchool();
    const journal = await openFileJournal(join(school.dataDir, "journal"));
    server = await startServer({
      store: school.store,
      journal,
      port: 0,
      host: "127.0.0.1",
      kioskDir: KIOSK_DIST,
    });
    const dir = join(school.dataDir, "pty-gate");
    await mkdir(dir, { recursive: true });
    reader = await startPtyPair(dir);
    agent = await startAgent({
      serverUrl: server.url,
      token: school.tokens.gate,
      readers: [{ profile: "generic/rdm6300", path: reader.agentSide }],
      dataDir: join(school.dataDir, "agent"),
      // This gate PC's clock is 4 s behind.
      now: () => Date.now() - 4_000,
      onEvent: events.push,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await agent?.stop();
    await reader?.stop();
    await server?.close();
    await removeSchool(school);
  });

  it("shows the outbox, the clock alarm and the cache's age", async () => {
    await events.next((e) => e.type === "reader:open", "reader open");
    await writeFile(reader.readerSide, rdm6300Card(7).frame);
    await events.next((e) => e.type === "tap:acked", "tap acknowledged");
    const page = await openLoggedIn(
      browser,
      server.url,
      { username: "tech", password: PASSWORD },
      "/technician",
      {
        viewport: { width: 1280, height: 900 },
      },
    );
    const gate = page.locator('[data-testid="device-row"]', { hasText: "南门" });
    const health = gate.getByTestId("agent-health");
    await health.waitFor();
    await gate.locator('[data-testid="agent-alarm"][data-alarm="clock_offset"]').waitFor({ timeout: 8_000 });
    expect(await health.getByTestId("agent-outbox").textContent()).toContain("0 / 10000");
    expect(await health.getByTestId("agent-clock").textContent()).toMatch(/[34]\.\d/);
    expect(await health.getByTestId("agent-cache").textContent()).not.toContain("没有");
    expect(await health.getAttribute("data-offline")).toBe("false");
    await page.screenshot({ path: join(ARTIFACTS_DIR, "technician-agent-health-zh.png") });
  });
});
