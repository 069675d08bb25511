import { describe, expect, it } from "vitest";
import { startNotice } from "../../cli/start-notice";
import { buildDemoSchool } from "../../demo/demo-school";

/** Finding 13: the demo's passwords are printed at the start that made them, never again. */
describe("what wanfeng start prints", () => {
  it("prints the demo passwords and tokens once, then only where the logins file is", async () => {
    const demo = await buildDemoSchool({});
    const input = { dataDir: "/srv/wanfeng", demo: true, logins: demo, users: demo.logins.length };
    const first = startNotice({ ...input, firstStart: true }) ?? "";
    for (const login of demo.logins) expect(first).toContain(login.password);

    const later = startNotice({ ...input, firstStart: false }) ?? "";
    for (const login of demo.logins) expect(later).not.toContain(login.password);
    for (const device of demo.devices) expect(later).not.toContain(device.token);
    expect(later).toContain("/srv/wanfeng/demo-logins.json");
  });

  it("asks for a first login on an empty school", () => {
    const notice = startNotice({ dataDir: "d", demo: false, firstStart: false, logins: undefined, users: 0 });
    expect(notice).toContain("user add");
  });
});
