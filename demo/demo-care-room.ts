import { schoolDay } from "../server/domain/school-day";
import type { Db } from "../server/store/schema";

/**
 * The demo school's care-room data: health notes on a few children (an allergy, a diet, one
 * medication with a dose in the afternoon) and one leave for the next day, so the kiosk shows
 * marks, a reminder and a leave without anyone typing them first.
 */
export function addDemoCareRoom(db: Db, now: Date): void {
  const [first, second, third] = db.children;
  if (first) first.health = { allergies: ["花生", "芒果"], diet: [], medications: [] };
  if (second) second.health = { allergies: [], diet: ["清真，不吃猪肉"], medications: [] };
  if (third) {
    third.health = {
      allergies: [],
      diet: [],
      medications: [
        {
          id: "cough-syrup",
          name: "止咳糖浆",
          dose: "10 ml",
          times: ["16:30"],
          note: "饭后服用，药在书包侧袋",
        },
      ],
      note: "有哮喘，运动后注意观察",
    };
  }
  const teacher = db.users.find((u) => u.username === "teacher1");
  const child = db.children.find(
    (c) => c.groupId === "group-1" && c !== first && c !== second && c !== third,
  );
  if (!teacher || !child) return;
  const tomorrow = schoolDay(new Date(now.getTime() + 86_400_000), db.settings.timezone);
  const guardianship = db.guardianships.find((g) => g.childId === child.id);
  const guardian = db.guardians.find((g) => g.id === guardianship?.guardianId);
  db.leaves = [
    {
      id: "leave-demo-1",
      childId: child.id,
      from: tomorrow,
      to: tomorrow,
      askedBy: { name: guardian?.name ?? "家长", relation: guardianship?.relation ?? "妈妈" },
      channel: "written",
      askedAt: now.toISOString(),
      reason: "去医院复查（示例）",
      recordedAt: now.toISOString(),
      recordedBy: teacher.id,
      recordedByName: teacher.displayName,
    },
  ];
}
