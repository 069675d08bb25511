import { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import {
  AmendRequestSchema,
  DailyReportQuerySchema,
  DayParamSchema,
  MonthlyReportQuerySchema,
  SignOffRequestSchema,
  WanfengError,
} from "../../protocol";
import type { ArchiveService } from "../archive/archive-service";
import { canOversee, canReadOverview } from "../auth/access";
import type { SessionStore, UserStore } from "../ports/access";
import type { RosterReader } from "../ports/roster";
import { toCsv } from "../reports/csv";
import { REPORT_LANGUAGES } from "../reports/labels";
import type { ReportService } from "../reports/report-service";
import { dailySheets, monthlySheets, type Sheet } from "../reports/tables";
import { toXlsx } from "../reports/xlsx";
import { sendError } from "./errors";
import { currentUser, requireUser } from "./require-user";

const FormatQuerySchema = z.object({ lang: z.enum(REPORT_LANGUAGES).default("zh") });
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The care archive over HTTP (leader and admin only): daily and monthly reports as JSON, CSV and
 * Excel, the day's sign-off and amendments of a closed day. Reading a day replays its journal.
 */
export function reportRoutes(
  store: SessionStore & UserStore & RosterReader,
  clock: () => Date,
  reports: ReportService,
  archive: ArchiveService,
): Router {
  const router = Router();
  // The district reads reports too; sign-off and amendments stay the school's (onlyOverseers).
  const auth = requireUser(store, clock, ["leader", "admin", "district"]);

  router.get("/api/reports/daily", auth, onlyReaders, async (req, res) => {
    const q = parse(DailyReportQuerySchema, req.query);
    res.json({ data: await reports.daily(q.day, q.group) });
  });
  const dailyExport = async (req: Request, res: Response) => {
    const q = parse(DailyReportQuerySchema, req.query);
    const { lang } = parse(FormatQuerySchema, { lang: req.query.lang });
    const record = await reports.daily(q.day, q.group);
    const timezone = store.schoolRoster().settings.timezone;
    await sendSheets(req, res, dailySheets(record, lang, timezone), `wanfeng-daily-${q.day}`);
  };
  router.get("/api/reports/daily.csv", auth, onlyReaders, dailyExport);
  router.get("/api/reports/daily.xlsx", auth, onlyReaders, dailyExport);
  router.get("/api/reports/monthly", auth, onlyReaders, async (req, res) => {
    const q = parse(MonthlyReportQuerySchema, req.query);
    res.json({ data: await reports.monthly(q.month, q.group) });
  });
  const monthlyExport = async (req: Request, res: Response) => {
    const q = parse(MonthlyReportQuerySchema, req.query);
    const { lang } = parse(FormatQuerySchema, { lang: req.query.lang });
    const summary = await reports.monthly(q.month, q.group);
    await sendSheets(req, res, monthlySheets(summary, lang), `wanfeng-monthly-${q.month}`);
  };
  router.get("/api/reports/monthly.csv", auth, onlyReaders, monthlyExport);
  router.get("/api/reports/monthly.xlsx", auth, onlyReaders, monthlyExport);

  router.post("/api/days/:day/sign-off", auth, onlyOverseers, async (req, res) => {
    const { day } = parse(DayParamSchema, req.params);
    const { note } = parse(SignOffRequestSchema, req.body ?? {});
    res.json({ data: await archive.signOff(day, currentUser(res), note) });
  });
  router.post("/api/days/:day/amendments", auth, onlyOverseers, async (req, res) => {
    const { day } = parse(DayParamSchema, req.params);
    const request = parse(AmendRequestSchema, req.body);
    res.json({ data: await archive.amend(day, currentUser(res), request) });
  });
  return router;
}

function onlyReaders(_req: Request, res: Response, next: NextFunction): void {
  if (canReadOverview(currentUser(res))) next();
  else sendError(res, "AUTH_FORBIDDEN", "the archive is for the duty leader, the office and the district");
}

function onlyOverseers(_req: Request, res: Response, next: NextFunction): void {
  if (canOversee(currentUser(res))) next();
  else sendError(res, "AUTH_FORBIDDEN", "the archive is for the duty leader and the office");
}

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new WanfengError("VALIDATION_FAILED", z.prettifyError(result.error));
  return result.data;
}

async function sendSheets(req: Request, res: Response, sheets: Sheet[], name: string): Promise<void> {
  res.setHeader("Cache-Control", "no-store");
  if (req.path.endsWith(".csv")) {
    const first = sheets[0];
    res.type("text/csv; charset=utf-8");
    res.attachment(`${name}.csv`);
    res.send(first ? toCsv(first) : "");
    return;
  }
  res.type(XLSX_TYPE);
  res.attachment(`${name}.xlsx`);
  res.send(await toXlsx(sheets, name));
}
