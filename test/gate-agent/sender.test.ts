import { afterEach, describe, expect, it } from "vitest";
import { createTapSender, sendOneTap } from "../../gate-agent/delivery/client";
import { type DeliveryEvent, TapSender } from "../../gate-agent/delivery/sender";
import { toTapReport } from "../../gate-agent/delivery/tap-report";
import { isWanfengError } from "../../protocol/errors";
import { type DeviceServer, freePort, startDeviceServer } from "./helpers/device-server";
import { EventLog } from "./helpers/events";
import { CARD_A, rdm6300Frame } from "./helpers/frames";

const TOKEN = "device-token-1";
const FAST = { ackTimeoutMs: 200, retryMinMs: 20, retryMaxMs: 100, reconnectMinMs: 50, reconnectMaxMs: 200 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(
  options: Parameters<typeof startDeviceServer>[0] = { token: TOKEN },
): Promise<DeviceServer> {
  const s = await startDeviceServer(options);
  cleanups.push(() => s.close());
  return s;
}

function sender(serverUrl: string, token = TOKEN) {
  const events = new EventLog<DeliveryEvent>();
  const s = new TapSender({ serverUrl, token, timing: FAST, onEvent: events.push });
  cleanups.push(() => s.close());
  return { s, events };
}

const reading = () => ({
  readerId: "ttyUSB0",
  reading: { kind: "card" as const, cardId: CARD_A.cardId },
  rawHex: rdm6300Frame(CARD_A.digits).toString("hex"),
  at: new Date().toISOString(),
});

describe("tap sender", () => {
  it("delivers a report and logs the device config", async () => {
    const srv = await server();
    const { s, events } = sender(srv.url);
    const report = toTapReport(reading());
    await s.enqueue(report);
    const received = await srv.reports.next(() => true, "report");
    expect(received).toEqual(report);
    await events.next((e) => e.type === "tap:acked", "ack");
    await events.next((e) => e.type === "server:config", "config");
    expect(s.stats()).toMatchObject({ connected: true, queued: 0, delivered: 1, retries: 0 });
  });

  it("resends the same id while the server stays silent, until it answers", async () => {
    const srv = await server({ token: TOKEN, answer: () => undefined });
    const { s, events } = sender(srv.url);
    const report = toTapReport(reading());
    await s.enqueue(report);
    await events.next((e) => e.type === "tap:retry" && e.attempt >= 2, "two retries");
    srv.setAnswer((r, seen) => ({ data: { tapId: r.id, duplicate: seen, result: { kind: "debounced" } } }));
    const acked = await events.next((e) => e.type === "tap:acked", "ack");
    expect(acked.type === "tap:acked" && acked.outcome.tapId).toBe(report.id);
    expect(new Set(srv.reports.events.map((r) => r.id))).toEqual(new Set([report.id]));
    expect(srv.reports.events.length).toBeGreaterThanOrEqual(3);
    expect(s.stats()).toMatchObject({ queued: 0, delivered: 1 });
  });

  it("keeps order: a later tap waits for the earlier one", async () => {
    const srv = await server();
    const { s, events } = sender(srv.url);
    const first = toTapReport(reading());
    const second = toTapReport(reading());
    await s.enqueue(first);
    await s.enqueue(second);
    await events.next((e) => e.type === "tap:acked" && e.report.id === second.id, "second ack");
    expect(srv.reports.events.map((r) => r.id)).toEqual([first.id, second.id]);
  });

  it("drops a report the server calls invalid, and moves on", async () => {
    const srv = await server({
      token: TOKEN,
      answer: (r) =>
        r.readerId === "bad"
          ? { error: { code: "VALIDATION_FAILED", message: "readerId unknown" } }
          : undefined,
    });
    const { s, events } = sender(srv.url);
    await s.enqueue(toTapReport({ ...reading(), readerId: "bad" }));
    await events.next((e) => e.type === "tap:dropped", "drop");
    expect(srv.reports.events).toHaveLength(1);
    expect(s.stats()).toMatchObject({ queued: 0, dropped: 1 });
  });

  it("retries other error answers", async () => {
    let calls = 0;
    const srv = await server({
      token: TOKEN,
      answer: (r) =>
        ++calls < 3
          ? { error: { code: "STORE_WRITE_FAILED", message: "disk full" } }
          : { data: { tapId: r.id, duplicate: false, result: { kind: "debounced" } } },
    });
    const { s, events } = sender(srv.url);
    await s.enqueue(toTapReport(reading()));
    await events.next((e) => e.type === "tap:acked", "ack");
    expect(s.stats()).toMatchObject({ delivered: 1, retries: 2 });
  });

  it("reports a refused token with its code", async () => {
    const srv = await server();
    const { events } = sender(srv.url, "wrong-token");
    const refused = await events.next((e) => e.type === "server:refused", "refusal");
    expect(refused).toMatchObject({ code: "AUTH_BAD_TOKEN" });
  });
});

describe("sendOneTap and createTapSender", () => {
  it("sends one card in its printed form and returns the outcome", async () => {
    const srv = await server();
    const outcome = await sendOneTap({ serverUrl: srv.url, token: TOKEN, cardNumber: "01000734E0" });
    const [report] = srv.reports.events;
    expect(report?.reading).toEqual({ kind: "card", cardId: CARD_A.cardId });
    expect(report?.readerId).toBe("simulator");
    expect(outcome.tapId).toBe(report?.id);
  });

  it("fails fast with the auth code on a bad token", async () => {
    const srv = await server();
    const err = await sendOneTap({ serverUrl: srv.url, token: "nope", cardNumber: "0000472288" }).catch(
      (e: unknown) => e,
    );
    expect(isWanfengError(err) && err.code).toBe("AUTH_BAD_TOKEN");
  });

  it("gives up after its timeout when nobody answers", async () => {
    const port = await freePort();
    const err = await sendOneTap({
      serverUrl: `http://127.0.0.1:${port}`,
      token: TOKEN,
      cardNumber: "0000472288",
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String(err)).toContain("no acknowledgement");
  });

  it("lets a script feed readings without a serial port", async () => {
    const srv = await server();
    const client = createTapSender({ serverUrl: srv.url, token: TOKEN, timing: FAST });
    cleanups.push(() => client.close());
    const one = await client.send({ kind: "card", cardId: "099,59822" }, "demo");
    const two = await client.send({ kind: "code", text: "PASS-123" }, "demo");
    expect(srv.reports.events.map((r) => r.reading)).toEqual([
      { kind: "card", cardId: "0006547886" },
      { kind: "code", text: "PASS-123" },
    ]);
    expect([one.tapId, two.tapId]).toEqual(srv.reports.events.map((r) => r.id));
  });
});
