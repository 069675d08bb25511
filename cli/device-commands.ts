import { addDevice } from "../server/auth/devices";
import { type BackendOptions, openCommandStorage } from "./backend";
import { resolveGroupId } from "./group-names";

export async function runDeviceAddCommand(
  name: string,
  options: BackendOptions & { kind: "gate" | "room"; group?: string },
): Promise<void> {
  const { storage, close } = await openCommandStorage(options, "device add", { writes: true });
  try {
    const groups = storage.schoolRoster().groups;
    const { device, token } = await addDevice(storage, {
      name,
      kind: options.kind,
      ...(options.group ? { groupId: resolveGroupId(groups, options.group) } : {}),
    });
    console.log(
      `Device "${device.name}" (${device.kind}${device.groupId ? `, group ${device.groupId}` : ""}) added.`,
    );
    console.log("Its token (shown only now; keep it on the agent's machine):");
    console.log(token);
  } finally {
    await close();
  }
}

export async function runDeviceListCommand(options: BackendOptions): Promise<void> {
  const { storage, close } = await openCommandStorage(options, "device list", { writes: false });
  try {
    for (const d of storage.listDevices()) {
      console.log(`${d.id}\t${d.kind}\t${d.groupId ?? "-"}\t${d.name}`);
    }
  } finally {
    await close();
  }
}
