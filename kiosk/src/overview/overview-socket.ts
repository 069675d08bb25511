import type { AlertView } from "../../../protocol/model";
import type { OverviewUpdate } from "../../../protocol/overview";
import { ViewSocket, type ViewSocketHandlers } from "../shell/view-socket";

export interface OverviewHandlers extends ViewSocketHandlers {
  update(update: OverviewUpdate): void;
  alertRaised(alert: AlertView): void;
  alertAcknowledged(alert: AlertView): void;
}

/** Children become late at care end without any event: the snapshot is fetched again each minute. */
const REFRESH_MS = 60_000;

/** The overview screen's socket: pushed counts and alerts, and a fresh snapshot every minute. */
export class OverviewConnection {
  private readonly view: ViewSocket;
  private readonly refresh: ReturnType<typeof setInterval>;

  constructor(handlers: OverviewHandlers) {
    this.view = new ViewSocket({ view: "overview" }, handlers);
    this.view.onUpdate("overview:update", (u) => handlers.update(u));
    this.view.onUpdate("alert:raised", (a) => handlers.alertRaised(a));
    this.view.onUpdate("alert:acknowledged", (a) => handlers.alertAcknowledged(a));
    this.refresh = setInterval(() => this.view.connected && this.view.join(), REFRESH_MS);
  }

  /** The duty leader acknowledges an alert no one at the gate dealt with. */
  acknowledge(alertId: string, note: string) {
    return this.view.send("alert:acknowledge", { alertId, ...(note ? { note } : {}) });
  }

  join(): void {
    this.view.join();
  }

  close(): void {
    clearInterval(this.refresh);
    this.view.close();
  }
}
