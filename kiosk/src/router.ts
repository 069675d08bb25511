/** Hash routes: #/login, #/ (home), #/room/<groupId>, #/gate, #/technician. Pure, so tests can call it. */

export type Route =
  | { name: "login" }
  | { name: "home" }
  | { name: "room"; groupId: string }
  | { name: "gate" }
  | { name: "technician" };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/\/+$/, "");
  if (path === "/login") return { name: "login" };
  if (path === "/gate") return { name: "gate" };
  if (path === "/technician") return { name: "technician" };
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
    case "technician":
      return "#/technician";
    case "room":
      return `#/room/${encodeURIComponent(route.groupId)}`;
  }
}
