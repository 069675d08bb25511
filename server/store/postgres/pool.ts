import pg from "pg";
import { createLogger } from "../../../common/log";

const log = createLogger("store/postgres");

/**
 * A connection pool for one `--database` URL. Errors of idle clients (the server restarted, the
 * network dropped) are logged, not thrown: pg reconnects on the next query.
 */
export function openPool(url: string, purpose: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, application_name: `wanfeng ${purpose}`, max });
  pool.on("error", (err) => log.warn({ err: { message: err.message } }, "idle database connection lost"));
  return pool;
}

/** The URL without its password, for logs and messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    // libpq also takes the password as a parameter: ?password=…
    if (parsed.searchParams.has("password")) parsed.searchParams.set("password", "***");
    return parsed.toString();
  } catch {
    return "(unparseable database URL)";
  }
}
