import { addDevice } from "../server/auth/devices";
import { openDocumentStore } from "../server/store/lowdb-store";
import { resolveGroupId } from "./group-names";
import { dataDirFrom } from "./paths";

export async function runDeviceAddCommand(
  name: string,
  options: { kind: "gate" | "room"; group?: string; dataDir?: string },
): Promise<void> {
  const store = await openDocumentStore(dataDirFrom(options.dataDir));
  const groups = store.schoolRoster().groups;
  const { device, token } = await addDevice(store, {
    name,
    kind: options.kind,
    ...(options.group ? { groupId: resolveGroupId(groups, options.group) } : {}),
  });
  console.log(
    `Device "${device.name}" (${device.kind}${device.groupId ? `, group ${device.groupId}` : ""}) added.`,
  );
  console.log("Its token (shown only now; keep it on the agent's machine):");
  console.log(token);
}

export async function runDeviceListCommand(options: { dataDir?: string }): Promise<void> {
  const store = await openDocumentStore(dataDirFrom(options.dataDir));
  for (const d of store.listDevices()) {
    console.log(`${d.id}\t${d.kind}\t${d.groupId ?? "-"}\t${d.name}`);
  }
}
