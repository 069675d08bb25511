import { nothing, type TemplateResult } from "lit";
import type { EarlyAskView, GateBoard } from "../../../protocol/gate";
import { applyGateChange, type GateBoardChange } from "../../../protocol/gate-board";
import { t } from "../i18n";
import { chime } from "../shell/announce";
import { requestRender } from "../shell/app";
import { failureText } from "../shell/format";
import type { ScreenConnection } from "../shell/screen-connection";
import { showToast } from "../shell/toast";
import type { CommandName, CommandPayload } from "../shell/view-socket";
import { EarlyPanel } from "./gate-early";
import { LatePanel } from "./gate-late";
import { RegisterPanel } from "./gate-register";

/** The guard's gate-record commands; each answers with the new gate board. */
type GateCommand = Exclude<Extract<CommandName, `gate:${string}`>, "gate:search">;

/**
 * The guard screen's care-day duties: early pickups to register (rule 7), late children with the
 * reception room and the call log (rule 9), the gate register (rule 10). Holds the board the
 * server sends and runs the gate commands; each command answers with the new board.
 */
export class GateCare {
  private board: GateBoard | undefined;
  private readonly busy = new Set<string>();
  private readonly early = new EarlyPanel({
    register: (ask, reason) => {
      if (reason === "") {
        showToast(t("gateCare.early.missingReason"), "warning");
        return Promise.resolve(false);
      }
      return this.run(ask.id, "gate:registerEarly", { askId: ask.id, reason }, () =>
        t("gateCare.early.registeredToast", { name: ask.child.name }),
      );
    },
    cancel: (ask) => this.run(ask.id, "gate:cancelEarly", { askId: ask.id }),
    busy: (id) => this.busy.has(id),
  });
  private readonly late = new LatePanel({
    toReception: (entry) =>
      this.run(entry.child.childId, "gate:moveToReception", { childId: entry.child.childId }, () =>
        t("gateCare.late.movedToast", { name: entry.child.name, room: this.board?.receptionRoom ?? "" }),
      ),
    logContact: (entry, call) =>
      this.run(entry.child.childId, "gate:logContact", { childId: entry.child.childId, ...call }, () =>
        t("gateCare.late.loggedToast", { name: entry.child.name }),
      ),
    busy: (id) => this.busy.has(id),
  });
  private readonly register = new RegisterPanel(
    {
      reenter: (entry, reason) =>
        this.run(entry.childId, "gate:reenter", { childId: entry.childId, reason }, () =>
          t("gateCare.register.reenteredToast", { name: entry.childName }),
        ),
      busy: (id) => this.busy.has(id),
    },
    requestRender,
  );

  constructor(private readonly connection: () => ScreenConnection) {}

  /** Early pickups on the board (the counters count the pending ones). */
  earlyAsks(): readonly EarlyAskView[] {
    return this.board?.early ?? [];
  }

  /** Rows the server changed, merged into the board (protocol/gate-board.ts keeps the order). */
  applyChange(change: GateBoardChange): void {
    if (this.board) this.setBoard(applyGateChange(this.board, change));
  }

  /** A new board from the snapshot or the server; a new early pickup chimes like a request. */
  setBoard(board: GateBoard | undefined): void {
    const pendingBefore = new Set(this.board?.early.filter((e) => e.status === "pending").map((e) => e.id));
    const lateBefore = new Set(this.board?.late.map((l) => l.child.childId));
    const fresh = this.board !== undefined;
    this.board = board;
    if (fresh && board?.early.some((e) => e.status === "pending" && !pendingBefore.has(e.id)))
      chime("pickup");
    if (fresh && board?.late.some((l) => !l.collectedAt && !lateBefore.has(l.child.childId))) chime("alert");
    requestRender();
  }

  earlyView(): TemplateResult | typeof nothing {
    return this.board ? this.early.view(this.board.early) : nothing;
  }

  lateView(): TemplateResult | typeof nothing {
    return this.board ? this.late.view(this.board.late, this.board.receptionRoom) : nothing;
  }

  registerView(): TemplateResult | typeof nothing {
    return this.board ? this.register.view(this.board.register) : nothing;
  }

  private async run<E extends GateCommand>(
    key: string,
    name: E,
    payload: CommandPayload<E>,
    okText?: () => string,
  ): Promise<boolean> {
    if (this.busy.has(key)) return false;
    this.busy.add(key);
    requestRender();
    const answer = await this.connection().command(name, payload);
    this.busy.delete(key);
    if ("error" in answer) {
      showToast(failureText(answer.error), "error");
      requestRender();
      return false;
    }
    this.board = answer.data;
    if (okText) showToast(okText(), "success", 3500);
    requestRender();
    return true;
  }
}
