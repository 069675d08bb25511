/**
 * The server's clock, as the screens keep it: each snapshot says the server's time, and the
 * difference to this tablet's clock is kept. Screens show and judge time by it (the header clock,
 * unexplained absences, the gate's timetable line): a tablet's clock may be wrong, and the demo
 * school's server plays its afternoon at any hour.
 */
let offsetMs = 0;

export function learnServerTime(serverAt: string | undefined): void {
  if (serverAt === undefined) return;
  const at = Date.parse(serverAt);
  if (!Number.isNaN(at)) offsetMs = at - Date.now();
}

export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}
