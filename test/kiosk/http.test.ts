import { afterEach, describe, expect, it, vi } from "vitest";
import { call } from "../../kiosk/src/shell/http";

/** The kiosk's one HTTP helper: every outcome is an Ack, never a throw. */

function answering(status: number, body?: string) {
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(body ?? null, { status }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("call", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("passes the server's Ack through, data or error", async () => {
    answering(200, JSON.stringify({ data: { id: "u1" } }));
    expect(await call("GET", "/api/session")).toEqual({ data: { id: "u1" } });
    answering(403, JSON.stringify({ error: { code: "AUTH_FORBIDDEN", message: "no" } }));
    expect(await call("GET", "/api/admin/snapshot")).toEqual({
      error: { code: "AUTH_FORBIDDEN", message: "no" },
    });
  });

  it("reports a network failure as OFFLINE and an answer that is no Ack by its HTTP status", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    expect(await call("GET", "/api/groups")).toEqual({ error: { code: "INTERNAL", message: "OFFLINE" } });
    answering(502, "<html>Bad Gateway</html>");
    expect(await call("GET", "/api/groups")).toEqual({ error: { code: "INTERNAL", message: "HTTP 502" } });
  });

  it("takes 204 as done with no data", async () => {
    answering(204);
    expect(await call("DELETE", "/api/session")).toEqual({ data: undefined });
  });

  it("sends JSON bodies as JSON and files as they are", async () => {
    const fetch = answering(200, JSON.stringify({ data: null }));
    await call("POST", "/api/session", { username: "a" });
    const json = fetch.mock.calls[0]?.[1];
    expect(json?.body).toBe('{"username":"a"}');
    expect(json?.headers).toMatchObject({ "content-type": "application/json" });
    expect(json?.credentials).toBe("same-origin");

    const photo = new Blob(["jpeg"], { type: "image/jpeg" });
    await call("PUT", "/api/admin/photos/child/c1", photo);
    expect(fetch.mock.calls[1]?.[1]?.body).toBe(photo);
    expect(fetch.mock.calls[1]?.[1]?.headers).toMatchObject({ "content-type": "image/jpeg" });

    await call("POST", "/api/admin/import/preview", new Blob(["a,b"]));
    expect(fetch.mock.calls[2]?.[1]?.headers).toMatchObject({ "content-type": "application/octet-stream" });
  });
});
