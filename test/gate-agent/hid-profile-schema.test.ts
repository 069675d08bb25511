import { describe, expect, it } from "vitest";
import { loadProfile, parseProfile } from "../../common/profiles/load";
import { isWanfengError } from "../../protocol/errors";

const wedge = {
  id: "acme/wedge",
  name: "Acme wedge",
  transport: { kind: "hid", vendorId: "0xffff", productId: 53, driverType: "hidraw" },
  framing: { kind: "hid-keyboard", options: {} },
  decoder: { kind: "decimal-card", options: {} },
  debounceMs: 1000,
};

function fieldOf(value: unknown): string | undefined {
  try {
    parseProfile(value, "acme/wedge.json");
  } catch (err) {
    if (isWanfengError(err)) return String(err.details?.field);
    throw err;
  }
  return undefined;
}

describe("hid transport in profiles", () => {
  it("accepts ids as numbers or hex strings, and fills framing and decoder defaults", () => {
    const profile = parseProfile(wedge, "acme/wedge.json");
    expect(profile.transport).toEqual({
      kind: "hid",
      vendorId: 0xffff,
      productId: 0x35,
      driverType: "hidraw",
    });
    expect(profile.framing).toEqual({
      kind: "hid-keyboard",
      options: { reportId: false, reportLength: 8, tabEnds: false, maxLength: 256 },
    });
    expect(profile.decoder).toEqual({ kind: "decimal-card", options: { minDigits: 8 } });
  });

  it("takes the optional usage page, interface and discovery matches", () => {
    const profile = parseProfile(
      {
        ...wedge,
        transport: { ...wedge.transport, usagePage: "0x01", interface: 0 },
        match: [{ vendorId: "0x1a86", productId: "0x7523" }],
      },
      "x.json",
    );
    expect(profile.transport).toMatchObject({ usagePage: 1, interface: 0 });
    expect(profile.match).toEqual([{ vendorId: 0x1a86, productId: 0x7523 }]);
  });

  it("names the field of a bad id, driver type or option", () => {
    expect(fieldOf({ ...wedge, transport: { ...wedge.transport, vendorId: "0x12345" } })).toBe(
      "transport.vendorId",
    );
    expect(fieldOf({ ...wedge, transport: { ...wedge.transport, productId: 70000 } })).toBe(
      "transport.productId",
    );
    expect(fieldOf({ ...wedge, transport: { ...wedge.transport, vendorId: "ffff" } })).toBe(
      "transport.vendorId",
    );
    expect(fieldOf({ ...wedge, transport: { ...wedge.transport, driverType: "usbfs" } })).toBe(
      "transport.driverType",
    );
    const { driverType: _, ...noDriver } = wedge.transport;
    expect(fieldOf({ ...wedge, transport: noDriver })).toBe("transport.driverType");
    expect(fieldOf({ ...wedge, match: [{ vendorId: -1, productId: 1 }] })).toBe("match.0.vendorId");
    expect(fieldOf({ ...wedge, framing: { kind: "hid-keyboard", options: { reportLength: 2 } } })).toBe(
      "framing.options.reportLength",
    );
    expect(
      fieldOf({
        ...wedge,
        decoder: { kind: "uid-decimal", options: { byteLength: 5, byteOrder: "lsb-first" } },
      }),
    ).toBe("decoder.options.byteLength");
    expect(fieldOf({ ...wedge, decoder: { kind: "uid-hex", options: { byteOrder: "backwards" } } })).toBe(
      "decoder.options.byteOrder",
    );
  });

  it("ships the wedge profiles with the same transport and framing, differing only in byte order", async () => {
    const lsb = await loadProfile("generic/usb-wedge-uid-decimal-lsb");
    const msb = await loadProfile("generic/usb-wedge-uid-decimal-msb");
    expect(lsb.transport).toEqual(msb.transport);
    expect(lsb.framing).toEqual(msb.framing);
    expect(lsb.decoder).toEqual({ kind: "uid-decimal", options: { byteLength: 4, byteOrder: "lsb-first" } });
    expect(msb.decoder).toEqual({ kind: "uid-decimal", options: { byteLength: 4, byteOrder: "msb-first" } });
  });
});
