import { Command, InvalidArgumentError, Option } from "commander";
import { ROLES } from "../protocol";
import { setProcessActor } from "../server/store/change-actor";
import { cliActor } from "./cli-actor";
import { reportCliError } from "./errors";

// Everything the CLI and the server create is private to the server's user (passwords, phones,
// custody notes): group and others get nothing, whatever the login's umask.
process.umask(0o077);

// The reader drivers (serialport, node-hid) load only for the commands that use them, so the
// server does not carry them.
const agentCommands = () => import("./agent-commands");
const readersCommand = () => import("./readers-command");
// Likewise PostgreSQL's client and migration tool, for the commands that only work on a database.
const dbCommands = () => import("./db-commands");
// And every other command loads only what it runs: `audit verify`, which the server runs in a
// process of its own as it starts, took 0.66 s to start when this file loaded the server too.

/**
 * A command's action that loads the module holding it only when the command runs; it is called
 * with all of commander's arguments (a function with parameters of its own after them takes
 * only the options, as `readers` does below).
 */
function lazily<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): (...args: M[K] extends (...params: infer P) => unknown ? P : never) => Promise<void> {
  return async (...args) => {
    const run = (await load())[name] as (...params: typeof args) => unknown;
    await run(...args);
  };
}

const program = new Command("wanfeng")
  .description("Wanfeng (晚风): after-school care pickup — server, gate agent and tools")
  .showHelpAfterError()
  .hook("preAction", (_program, command) => {
    // The server records each change as made by its user; a CLI command acts for whoever ran it.
    if (command.name() !== "start") setProcessActor(cliActor(command));
  });

const dataDirOption = () =>
  new Option("-d, --data-dir <dir>", "where the roster and journal live").env("DATA_DIR").default("./data");
const databaseOption = () =>
  new Option(
    "--database <postgres-url>",
    "a PostgreSQL database (district, several nodes) instead of the data folder's files",
  ).env("DATABASE_URL");
const requiredDatabaseOption = () => databaseOption().makeOptionMandatory();
const schoolOption = () =>
  new Option("--school <name|id>", "with --database: which school (default: the only one)");
/** Commands that never touch a school's data accept --database too: one service file fits all. */
const ignoredDatabaseOption = (why: string) =>
  new Option("--database <postgres-url>", `accepted and ignored: ${why}`).env("DATABASE_URL");

/** The data folder, or a database and one of its schools: every command acting on a school's data. */
const withStorageOptions = (command: Command) =>
  command.addOption(dataDirOption()).addOption(databaseOption()).addOption(schoolOption());

program
  .command("start")
  .description("start the server (creates a demo school on an empty data folder unless --empty)")
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .addOption(
    new Option(
      "--school <name|id>",
      "with --database: serve only this school (default: every school of the database)",
    ),
  )
  .addOption(
    new Option("--demo", "with --database: create the demo school when the database has no school yet"),
  )
  .addOption(new Option("-p, --port <port>", "HTTP port").env("PORT").default("8080"))
  .addOption(new Option("--host <host>", "address to listen on").env("HOST").default("0.0.0.0"))
  .addOption(new Option("--empty", "start with an empty school instead of the demo").env("WANFENG_EMPTY"))
  .addOption(
    new Option(
      "--trust-proxy",
      "behind a reverse proxy on this machine: take the client address and host from X-Forwarded-*",
    ).env("WANFENG_TRUST_PROXY"),
  )
  .addOption(
    new Option("--tls", "serve HTTPS with the certificate of `wanfeng tls init` (HTTP is redirected)").env(
      "WANFENG_TLS",
    ),
  )
  .action(lazily(() => import("./start-command"), "runStartCommand"));

program
  .command("tls")
  .description("HTTPS for the school's network")
  .command("init")
  .description("make a local CA and a server certificate in <data-dir>/tls (or take the school's own)")
  .option("--name <name...>", "more host names or addresses the kiosks use for this server")
  .option("--cert <file>", "the school's own certificate (PEM) instead of a local CA")
  .option("--key <file>", "its private key (PEM)")
  .addOption(dataDirOption())
  .addOption(ignoredDatabaseOption("a node's TLS files stay in its data folder whatever the store"))
  .action(lazily(() => import("./tls-command"), "runTlsInitCommand"));

const importCommand = program
  .command("import")
  .description(
    "import a roster, CSV or Excel .xlsx (one row per child–guardian pair, English or Chinese headers)",
  )
  .argument("<roster>", "the roster file (.csv or .xlsx)");
withStorageOptions(importCommand).action(lazily(() => import("./import-command"), "runImportCommand"));

program
  .command("audit")
  .description("the record's integrity")
  .command("verify")
  .description("check the journal's hash chains; names the first broken entry of each day")
  .option("--day <YYYY-MM-DD>", "only this school day")
  .option("--changed", "only the day files changed since they last verified (and remember them)")
  .option("--newest <n>", "with --changed: only the n newest of them (says how many are left)")
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .addOption(schoolOption())
  .action(lazily(() => import("./audit-command"), "runAuditVerifyCommand"));

program
  .command("purge")
  .description(
    "remove personal data past its retention (withdrawn children's photos and contacts, names in old journals)",
  )
  .option("--dry-run", "list what would be removed, change nothing")
  .addOption(dataDirOption())
  .addOption(databaseOption())
  .addOption(schoolOption())
  .action(lazily(() => import("./purge-command"), "runPurgeCommand"));

const user = program.command("user").description("manage staff logins");
const userAdd = user
  .command("add")
  .description("add a login (asks for the password unless --password is given)")
  .argument("<username>")
  .addOption(new Option("-r, --role <role>", "what the user does").choices(ROLES).makeOptionMandatory())
  .option("-n, --display-name <name>", "name shown on screens (default: the username)")
  .option("-g, --group <group...>", "care groups a teacher may open: names (as on the roster) or ids")
  .option("--password <password>", "the password (≥ 8 characters); visible in `ps`: prefer the prompt")
  .option("--password-stdin", "read the password from the first line of standard input");
withStorageOptions(userAdd).action(lazily(() => import("./user-commands"), "runUserAddCommand"));

const device = program.command("device").description("manage gate agents and room readers");
const deviceAdd = device
  .command("add")
  .description("register a device and print its token (shown once)")
  .argument("<name>")
  .addOption(
    new Option("-k, --kind <kind>", "gate or care room").choices(["gate", "room"]).makeOptionMandatory(),
  )
  .option("-g, --group <group>", "for a room device: the care group that checks in on it (name or id)");
withStorageOptions(deviceAdd).action(lazily(() => import("./device-commands"), "runDeviceAddCommand"));
withStorageOptions(device.command("list").description("list devices")).action(
  lazily(() => import("./device-commands"), "runDeviceListCommand"),
);

withStorageOptions(
  program
    .command("group")
    .description("care groups")
    .command("list")
    .description("list care groups with their ids, rooms and sizes"),
).action(lazily(() => import("./group-commands"), "runGroupListCommand"));

const db = program.command("db").description("the PostgreSQL database of a district or of several nodes");
db.command("migrate")
  .description("create or update the database's schema (start does it too)")
  .addOption(requiredDatabaseOption())
  .action(async (options: { database: string }) => (await dbCommands()).runDbMigrateCommand(options));

db.command("import")
  .description("move a school from a data folder (document and journals) into the database")
  .requiredOption("--from <data-dir>", "the data folder of the embedded school")
  .requiredOption(
    "--school <name>",
    "the school to import into (created when the database has none of that name)",
  )
  .addOption(requiredDatabaseOption())
  .action(async (options: { database: string; from: string; school: string }) =>
    (await import("./db-import-command")).runDbImportCommand(options),
  );

const school = program.command("school").description("the schools on a PostgreSQL database");
school
  .command("add")
  .description("add a school and print its id")
  .argument("<name>", "the school's name, as people call it")
  .option("--timezone <tz>", "its time zone (IANA name, default Asia/Shanghai)")
  .addOption(requiredDatabaseOption())
  .action(lazily(dbCommands, "runSchoolAddCommand"));
school
  .command("list")
  .description("list the schools: id, time zone and name")
  .addOption(requiredDatabaseOption())
  .action(async (options: { database: string }) => (await dbCommands()).runSchoolListCommand(options));

program
  .command("agent")
  .description("run a gate agent: read card readers and report taps to the server")
  .requiredOption(
    "-s, --server <url...>",
    "server URL, e.g. http://192.168.1.10:8080; repeat it for failover servers, tried in turn",
  )
  .addOption(
    new Option("-t, --token <token>", "this device's token")
      .env("WANFENG_DEVICE_TOKEN")
      .makeOptionMandatory(),
  )
  .option(
    "-r, --reader <profile:path...>",
    "a reader, e.g. generic/rdm6300:/dev/ttyUSB0 (repeatable); without it, the readers set up on the technician screen",
  )
  .option(
    "-d, --data-dir <dir>",
    "the agent's own folder (its outbox of taps not yet delivered); default $DATA_DIR/agent/<token fingerprint> or ./data/agent/…",
  )
  .option("--ca <file>", "over HTTPS: the school's CA certificate (from `wanfeng tls init`)")
  .option(
    "--fingerprint <sha256>",
    "over HTTPS: pin the server's CA (or certificate) by its SHA-256 fingerprint",
  )
  .option(
    "--cache-max-age <minutes>",
    "while the server is unreachable, answer taps from the offline cache only if it is younger than this (default 240)",
  )
  .addOption(ignoredDatabaseOption("a gate agent talks to the servers, never to the database"))
  .action(lazily(agentCommands, "runAgentCommand"));

program
  .command("readers")
  .description("list HID devices and serial ports on this machine and the reader profiles that fit them")
  .option("--libusb", "list through node-hid's libusb backend (the paths libusb profiles use)")
  .option("--json", "print the list as JSON")
  .addOption(ignoredDatabaseOption("lists this machine's readers"))
  // Options only: its second parameter is the test's sources, not commander's Command.
  .action(async (options: { libusb?: boolean; json?: boolean }) =>
    (await readersCommand()).runReadersCommand(options),
  );

program
  .command("tap")
  .description("send one simulated card reading, as the device with this token")
  .requiredOption("-s, --server <url>", "server URL")
  .addOption(
    new Option("-t, --token <token>", "a device token").env("WANFENG_DEVICE_TOKEN").makeOptionMandatory(),
  )
  .argument("<card>", "card number in any printed form (0006547886, 010063E9AE, 099,59822)")
  .addOption(ignoredDatabaseOption("a tap goes to the server, never to the database"))
  .action(lazily(agentCommands, "runTapCommand"));

withStorageOptions(
  program
    .command("demo-taps")
    .description("simulate the demo school's readers: children check in, parents tap at the gate"),
)
  .option("-s, --server <url>", "server URL", "http://localhost:8080")
  .option("-i, --interval <ms>", "pause between taps", positiveInt, 1500)
  .action(lazily(agentCommands, "runDemoTapsCommand"));

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("must be a positive whole number");
  return n;
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  reportCliError(err);
}
