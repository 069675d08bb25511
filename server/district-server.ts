import { createLogger } from "../common/log";
import type { AttemptStore } from "./auth/attempt-store";
import { passwordLimits } from "./auth/password-limits";
import { withDistrictLogins } from "./front/district-logins";
import { type DistrictLogins, type DistrictSchool, districtRouter } from "./front/district-router";
import { type FrontOptions, listenSecurity, type RunningFront, startFront } from "./front/front-server";
import type { TlsFiles } from "./http/tls-listener";
import { openSchoolRuntime, type SchoolRuntimeOptions } from "./school-runtime";

const log = createLogger("server");

export interface SchoolToServe extends SchoolRuntimeOptions {
  id: string;
  name: string;
}

export interface DistrictServerOptions {
  schools: readonly SchoolToServe[];
  /** The district's readers; none on a process that serves one school's staff only. */
  district?: DistrictLogins;
  /** Where password attempts count (the database's, shared by the nodes); default this process's memory. */
  attempts?: AttemptStore;
  port: number;
  host?: string;
  kioskDir?: string;
  trustProxy?: boolean;
  tls?: TlsFiles;
  clock?: () => Date;
}

export interface RunningDistrict extends Pick<RunningFront, "url" | "port"> {
  /** Serves a school added to the database while this process runs. */
  addSchool(school: SchoolToServe): Promise<void>;
  schoolIds(): string[];
  close(): Promise<void>;
}

/**
 * Every school of a district database in one process, behind one port: each school a runtime of
 * its own (day, routes, socket.io), the front handing each request to its school.
 */
export async function startDistrictServer(options: DistrictServerOptions): Promise<RunningDistrict> {
  const front: FrontOptions = {
    port: options.port,
    host: options.host ?? "0.0.0.0",
    trustProxy: options.trustProxy ?? false,
    demo: options.schools.every((s) => s.store.schoolRoster().settings.demo === true),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.kioskDir ? { kioskDir: options.kioskDir } : {}),
  };
  // One set of limits for the process: every school's logins (and the district's) count in it.
  const context = { listen: listenSecurity(front), limits: passwordLimits(options.attempts) };
  const served: DistrictSchool[] = [];
  const open = async (school: SchoolToServe): Promise<DistrictSchool> => {
    const store = options.district ? withDistrictLogins(school.store, options.district) : school.store;
    const runtime = await openSchoolRuntime({ ...school, store }, context);
    return { id: school.id, name: school.name, store: school.store, runtime };
  };
  const closeAll = () => Promise.all(served.map((s) => s.runtime.close()));
  try {
    for (const school of options.schools) served.push(await open(school));
  } catch (err) {
    await closeAll();
    throw err;
  }
  const clock = options.clock ?? (() => new Date());
  const running = await startFront(
    front,
    districtRouter(() => served, options.district, clock, context.limits.login),
  ).catch(async (err: unknown) => {
    await closeAll();
    throw err;
  });
  log.info({ schools: served.map((s) => s.name) }, "serving schools");
  return {
    url: running.url,
    port: running.port,
    schoolIds: () => served.map((s) => s.id),
    async addSchool(school) {
      if (served.some((s) => s.id === school.id)) return;
      served.push(await open(school));
      log.info({ school: school.name }, "serving a new school");
    },
    async close() {
      await closeAll();
      await running.close();
    },
  };
}
