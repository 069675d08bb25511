import { WanfengError } from "../protocol";
import type { Group } from "../server/domain/entities";

/**
 * What `--group` takes: the care group's id or the name people use (as on the roster and the
 * screens). An id wins over a name; a name is matched as written, then ignoring spaces and case.
 */
export function resolveGroupId(groups: readonly Group[], nameOrId: string): string {
  const wanted = nameOrId.trim();
  const byId = groups.find((g) => g.id === wanted);
  if (byId) return byId.id;
  const exact = groups.filter((g) => g.name === wanted);
  const loose = (text: string) => text.replace(/\s+/g, "").toLowerCase();
  const matches = exact.length > 0 ? exact : groups.filter((g) => loose(g.name) === loose(wanted));
  if (matches.length === 1 && matches[0]) return matches[0].id;
  const known = groups.map((g) => `${g.name} (${g.id})`).join(", ") || "none yet";
  const why = matches.length > 1 ? `more than one care group is named ${wanted}` : `no care group ${wanted}`;
  throw new WanfengError("VALIDATION_FAILED", `${why}; care groups: ${known}`);
}
