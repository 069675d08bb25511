import { html, nothing, render } from "lit";
import type { SessionUser } from "../../protocol/model";
import { unlockAudio } from "./announce";
import { getSession, logout } from "./api";
import { appState, navigate, requestRender, type Screen, setConnection, setRenderer } from "./app";
import { confirmView } from "./components/confirm";
import { headerView } from "./components/header";
import { toastsView } from "./components/toast";
import { initI18n } from "./i18n";
import { parseRoute, type Route, routeHash } from "./router";
import { AdminScreen } from "./screens/admin";
import { GateScreen } from "./screens/gate";
import { HomeScreen } from "./screens/home";
import { LoginScreen } from "./screens/login";
import { OverviewScreen } from "./screens/overview";
import { ReportsScreen } from "./screens/reports";
import { RoomScreen } from "./screens/room";
import { TechnicianScreen } from "./screens/technician";

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
