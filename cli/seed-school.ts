import type { Storage } from "../server/ports/storage";
import type { Db } from "../server/store/schema";

/**
 * Writes a whole school document (the demo school) into an empty school through the storage
 * ports, so any backend takes it. Order matters: a teacher's login names its care groups and a
 * staff card names its user, so places come first, then logins, then people and cards. Settings
 * are not a port: a database school's name and time zone are its `schools` row.
 */
export async function seedSchool(storage: Storage, db: Db): Promise<void> {
  await storage.mergeRoster((parts) => {
    parts.rooms.push(...db.rooms);
    parts.groups.push(...db.groups);
  });
  for (const user of db.users) await storage.addUser(user);
  await storage.mergeRoster((parts) => {
    parts.children.push(...db.children);
    parts.guardians.push(...db.guardians);
    parts.guardianships.push(...db.guardianships);
    parts.cards.push(...db.cards);
  });
  for (const device of db.devices) await storage.addDevice(device);
  if (db.schedule) await storage.setSchedule(db.schedule);
  for (const record of db.enrolments ?? []) await storage.addEnrolment(record);
  for (const item of db.specialCare ?? []) await storage.addSpecialCare(item);
  for (const duty of db.duties ?? []) await storage.addDuty(duty);
  for (const leave of db.leaves ?? []) await storage.addLeave(leave);
}
