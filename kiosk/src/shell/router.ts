/**
 * Hash routes: #/login, #/ (home), #/room/<groupId>, #/gate, #/technician, #/overview,
 * #/reports[/<day>]. Pure, so tests can call it.
 */

export type Route =
  | { name: "login" }
  | { name: "home" }
  | { name: "room"; groupId: string }
  | { name: "gate" }
  /** The office's administration screen (admin). */
  | { name: "admin" }
  | { name: "technician" }
  | { name: "overview" }
  /** The care archive; `day` opens that day's record (from the overview), else today's. */
  | { name: "reports"; day?: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/\/+$/, "");
  if (path === "/login") return { name: "login" };
  if (path === "/gate") return { name: "gate" };
  if (path === "/admin") return { name: "admin" };
  if (path === "/technician") return { name: "technician" };
  if (path === "/overview") return { name: "overview" };
  if (path === "/reports") return { name: "reports" };
  const reports = /^\/reports\/(\d{4}-\d{2}-\d{2})$/.exec(path);
  if (reports?.[1] !== undefined) return { name: "reports", day: reports[1] };
  const room = /^\/room\/([^/]+)$/.exec(path);
  if (room?.[1] !== undefined) {
    try {
      return { name: "room", groupId: decodeURIComponent(room[1]) };
    } catch {
      return { name: "home" };
    }
  }
  return { name: "home" };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case "login":
      return "#/login";
    case "home":
      return "#/";
    case "gate":
      return "#/gate";
    case "admin":
      return "#/admin";
    case "technician":
      return "#/technician";
    case "overview":
      return "#/overview";
    case "reports":
      return route.day ? `#/reports/${route.day}` : "#/reports";
    case "room":
      return `#/room/${encodeURIComponent(route.groupId)}`;
  }
}
