import { html, nothing, render } from "lit";
import type { SessionUser } from "../../protocol/model";
import { AdminScreen } from "./admin/admin-screen";
import { ReportsScreen } from "./archive/reports-screen";
import { GateScreen } from "./gate/gate-screen";
import { initI18n } from "./i18n";
import { OverviewScreen } from "./overview/overview-screen";
import { RoomScreen } from "./room/room-screen";
import { unlockAudio } from "./shell/announce";
import { appState, navigate, requestRender, type Screen, setConnection, setRenderer } from "./shell/app";
import { confirmView } from "./shell/confirm";
import { headerView } from "./shell/header";
import { HomeScreen } from "./shell/home-screen";
import { LoginScreen } from "./shell/login-screen";
import { parseRoute, type Route, routeHash } from "./shell/router";
import { getSession, logout } from "./shell/session-api";
import { toastsView } from "./shell/toast";
import { TechnicianScreen } from "./technician/technician-screen";

/** Boot and router: one screen at a time, chosen by the hash and guarded by the session. */

initI18n();

let screen: Screen | undefined;
let screenKey = "";
let sessionChecked = false;
/** Where to go after logging in (a kiosk bookmarked on #/room/g1 comes back to it). */
let afterLogin = "#/";

function createScreen(route: Route, user: SessionUser | undefined): Screen {
  switch (route.name) {
    case "login":
      return new LoginScreen(onLoggedIn);
    case "room":
      return new RoomScreen(route.groupId, onAuthLost);
    case "gate":
      return new GateScreen(onAuthLost);
    case "admin":
      return new AdminScreen(onAuthLost);
    case "technician":
      return new TechnicianScreen(onAuthLost);
    case "overview":
      return new OverviewScreen(onAuthLost);
    case "reports":
      return new ReportsScreen(route.day, onAuthLost);
    case "home":
      if (user === undefined) return new LoginScreen(onLoggedIn);
      return new HomeScreen(user);
  }
}

function onLoggedIn(user: SessionUser): void {
  appState.user = user;
  sessionChecked = true;
  const target = afterLogin;
  afterLogin = "#/";
  if (location.hash === target) void route();
  else navigate(target);
}

function onAuthLost(): void {
  appState.user = undefined;
  sessionChecked = false;
  void route();
}

async function onLogout(): Promise<void> {
  await logout();
  appState.user = undefined;
  afterLogin = "#/";
  navigate("#/login");
}

async function route(): Promise<void> {
  const wanted = parseRoute(location.hash);
  if (!sessionChecked) {
    const answer = await getSession();
    sessionChecked = !("error" in answer && answer.error.message === "OFFLINE");
    appState.user = "data" in answer ? answer.data : undefined;
    if ("error" in answer) setConnection(sessionChecked ? "online" : "offline");
  }
  if (appState.user === undefined && wanted.name !== "login") {
    afterLogin = routeHash(wanted);
    show({ name: "login" });
    if (location.hash !== "#/login") history.replaceState(null, "", "#/login");
    return;
  }
  if (appState.user !== undefined && wanted.name === "login") {
    navigate("#/");
    return;
  }
  show(wanted);
}

function show(wanted: Route): void {
  const key = `${routeHash(wanted)}|${appState.user?.id ?? ""}`;
  if (key === screenKey) return;
  screen?.dispose();
  screenKey = key;
  if (wanted.name === "home" || wanted.name === "login") setConnection("online");
  screen = createScreen(wanted, appState.user);
  requestRender();
}

function renderApp(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const live =
    screenKey.startsWith("#/room/") ||
    screenKey.startsWith("#/gate") ||
    screenKey.startsWith("#/technician") ||
    screenKey.startsWith("#/overview");
  render(
    html`${headerView({
      title: screen?.title() ?? "",
      showHome: appState.user !== undefined,
      showConnection: live || appState.connection !== "online",
      onLogout: () => void onLogout(),
      onLanguage: requestRender,
    })}
      <main class="app-main">${screen?.view() ?? nothing}</main>
      ${toastsView()} ${confirmView()}`,
    root,
  );
}

setRenderer(renderApp);
window.addEventListener("hashchange", () => void route());
// Browsers unlock Web Audio only from a touch; any touch on the kiosk will do.
window.addEventListener("pointerdown", unlockAudio, { capture: true });
window.addEventListener("keydown", unlockAudio, { capture: true });
// The clock in the header.
setInterval(requestRender, 10_000);
void route();
