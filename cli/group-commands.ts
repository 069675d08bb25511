import { type BackendOptions, openCommandStorage } from "./backend";

/** `device add --group` and `user add --group` take a group's name or its id. */
export async function runGroupListCommand(options: BackendOptions): Promise<void> {
  const { storage, close } = await openCommandStorage(options, "group list", { writes: false });
  try {
    const roster = storage.schoolRoster();
    for (const group of roster.groups) {
      const room = roster.rooms.find((r) => r.id === group.roomId)?.name ?? group.roomId;
      const children = roster.children.filter((c) => c.groupId === group.id).length;
      console.log(`${group.id}\t${group.name}\t${room}\t${children}/${group.capacity} children`);
    }
  } finally {
    await close();
  }
}
