/**
 * `npm run lint:profiles`: every hardware profile must validate against the schema and have a
 * fixture beside it. Run in `npm run lint` so a broken profile fails CI before any test does.
 * Prints one line per problem naming the file (and field); exit code 1 when there is any.
 */
import { existsSync } from "node:fs";
import { relative } from "node:path";
import {
  DEFAULT_PROFILES_DIR,
  fixtureFileOf,
  listProfileFiles,
  loadProfileFile,
} from "../common/profiles/load";
import { isWanfengError } from "../protocol/errors";

const problems: string[] = [];
const files = await listProfileFiles(DEFAULT_PROFILES_DIR);
for (const { id, file } of files) {
  const name = relative(process.cwd(), file);
  try {
    await loadProfileFile(file, id);
  } catch (err) {
    problems.push(isWanfengError(err) ? `${name}: ${err.message}` : `${name}: ${String(err)}`);
  }
  if (!existsSync(fixtureFileOf(file)))
    problems.push(`${name}: no fixture (${relative(process.cwd(), fixtureFileOf(file))})`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`${problems.length} problem(s) in hardware profiles`);
  process.exit(1);
}
console.log(`${files.length} hardware profiles valid, each with a fixture`);
