import { openDocumentStore } from "../server/store/lowdb-store";
import { dataDirFrom } from "./paths";

/** `device add --group` and `user add --group` take a group's name or its id. */
export async function runGroupListCommand(options: { dataDir?: string }): Promise<void> {
  const roster = (await openDocumentStore(dataDirFrom(options.dataDir))).schoolRoster();
  for (const group of roster.groups) {
    const room = roster.rooms.find((r) => r.id === group.roomId)?.name ?? group.roomId;
    const children = roster.children.filter((c) => c.groupId === group.id).length;
    console.log(`${group.id}\t${group.name}\t${room}\t${children}/${group.capacity} children`);
  }
}
