import { randomUUID, timingSafeEqual } from "node:crypto";
import { type DeviceKind, DeviceKindSchema, WanfengError } from "../../protocol";
import type { Device } from "../domain/entities";
import type { DeviceStore } from "../ports/access";
import { newSecretToken, sha256Hex } from "./tokens";

export interface NewDevice {
  name: string;
  kind: DeviceKind;
  /** Required for a room device (whose children check in there); not allowed for a gate. */
  groupId?: string;
}

/**
 * Registers a gate agent or a room kiosk. The token is returned once, to be typed into the
 * device's configuration; only its sha256 is kept.
 */
export async function addDevice(
  store: DeviceStore,
  input: NewDevice,
  now: Date = new Date(),
): Promise<{ device: Device; token: string }> {
  const name = input.name.trim();
  if (name === "") invalid("name", "device name is required");
  if (!DeviceKindSchema.safeParse(input.kind).success)
    invalid("kind", `unknown device kind ${String(input.kind)}`);
  if (input.kind === "gate" && input.groupId !== undefined) invalid("groupId", "a gate serves every group");
  if (input.kind === "room" && input.groupId === undefined)
    invalid("groupId", "a room device needs its care group");

  const token = newSecretToken();
  const device: Device = {
    id: `device-${randomUUID()}`,
    name,
    kind: input.kind,
    ...(input.groupId !== undefined ? { groupId: input.groupId } : {}),
    tokenHash: sha256Hex(token),
    createdAt: now.toISOString(),
  };
  // The store refuses a name already taken and a group that does not exist.
  await store.addDevice(device);
  return { device, token };
}

/**
 * The device a token belongs to. Every stored hash is compared in constant time and the loop
 * does not stop early, so timing does not tell how close a guess was or which device matched.
 */
export function authenticateDevice(store: DeviceStore, token: string): Device | undefined {
  if (token === "") return undefined;
  const presented = Buffer.from(sha256Hex(token), "hex");
  let found: Device | undefined;
  for (const device of store.listDevices()) {
    const stored = Buffer.from(device.tokenHash, "hex");
    if (stored.length === presented.length && timingSafeEqual(stored, presented)) found ??= device;
  }
  return found;
}

function invalid(field: string, message: string): never {
  throw new WanfengError("VALIDATION_FAILED", message, { field });
}
