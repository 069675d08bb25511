import { createLogger } from "../../common/log";
import {
  PASS_MAX_DAYS,
  type PassCreate,
  type PassList,
  type PassRedeem,
  type PassResult,
  type PassView,
  WanfengError,
} from "../../protocol";
import { canWritePass } from "../auth/access";
import type { DayService } from "../day/day-service";
import type { Pass, User } from "../domain/entities";
import type { DayEvent } from "../domain/events";
import { decidePass, presentedFromTyping } from "../domain/pass-decision";
import type { RosterIndex } from "../domain/roster-index";
import { schoolDay } from "../domain/school-day";
import type { PassStore } from "../ports/care";
import { nextDay } from "./earlier-uses";
import { newPassId, newPassKey, newShortCode } from "./pass-token";
import { passView } from "./pass-views";

const log = createLogger("passes");

export interface PassServiceDeps {
  store: PassStore;
  day: DayService;
  clock: () => Date;
  newId: () => string;
}

/**
 * Delegate passes: writing, listing and revoking them (roster document) and the guard's typed
 * short code (journal, through the same decision as a scanned QR code). Role checks live here so
 * every entry point (socket now, HTTP later) gets them.
 */
export class PassService {
  constructor(private readonly deps: PassServiceDeps) {}

  async create(user: User, command: PassCreate): Promise<PassView> {
    const roster = this.deps.day.currentRoster;
    const childIds = [...new Set(command.childIds)];
    const validTo = command.validTo ?? command.validFrom;
    this.checkDates(command.validFrom, validTo, roster);
    const guardianId = announcingGuardian(roster, childIds, command.guardianId);

    const created = await this.deps.store.createPass((passes) => {
      const ids = new Set(passes.map((p) => p.id));
      let id = newPassId();
      while (ids.has(id)) id = newPassId();
      return {
        id,
        delegate: command.delegate,
        childIds,
        guardianId,
        validFrom: command.validFrom,
        validTo,
        shortCode: newShortCode(new Set(passes.map((p) => p.shortCode))),
        createdAt: this.deps.clock().toISOString(),
        createdBy: user.id,
      };
    }, newPassKey);
    log.info({ passId: created.id, by: user.username, children: childIds }, "delegate pass written");
    return this.view(created);
  }

  /** Passes valid today or later that the user may see (a teacher: those naming a child of their groups). */
  async list(user: User, command: PassList): Promise<PassView[]> {
    const roster = this.deps.day.currentRoster;
    const today = this.today(roster);
    const wanted = command.groupId;
    const passes = this.deps.store.passBook().passes.filter((pass) => {
      if (pass.validTo < today) return false;
      const groups = pass.childIds.map((id) => roster.children.get(id)?.groupId ?? "");
      if (wanted !== undefined && !groups.includes(wanted)) return false;
      if (user.role === "admin") return true;
      return user.role === "teacher" && groups.some((g) => user.groupIds.includes(g));
    });
    passes.sort((a, b) => a.validFrom.localeCompare(b.validFrom) || b.createdAt.localeCompare(a.createdAt));
    return Promise.all(passes.map((p) => this.listedView(user, p)));
  }

  /**
   * A pass naming children of several groups is listed for each of their teachers, but its token
   * and short code (what lets a delegate out at the gate) only go to those who could have written
   * it: the office, or a teacher of every child on it.
   */
  private async listedView(user: User, pass: Pass): Promise<PassView> {
    const view = await this.view(pass);
    return canWritePass(user, this.groupsOfPass(pass.id)) ? view : { ...view, token: "", shortCode: "" };
  }

  /** The care groups of the children a pass would name: who may write it depends on them. */
  groupsOfChildren(childIds: readonly string[]): string[] {
    const roster = this.deps.day.currentRoster;
    return childIds.map((id) => {
      const child = roster.children.get(id);
      if (!child) throw new WanfengError("NOT_FOUND", `no child ${id}`);
      return child.groupId;
    });
  }

  /** The care groups of the children a stored pass names: who may revoke it depends on them. */
  groupsOfPass(passId: string): string[] {
    const roster = this.deps.day.currentRoster;
    return this.find(passId).childIds.map((id) => roster.children.get(id)?.groupId ?? "");
  }

  async revoke(user: User, passId: string): Promise<PassView> {
    const pass = this.find(passId);
    if (!pass.revokedAt) {
      const at = this.deps.clock().toISOString();
      await this.deps.store.revokePass(passId, at, user.id);
      log.info({ passId, by: user.username }, "delegate pass revoked");
    }
    return this.view(this.find(passId));
  }

  /** The guard typed the short code: the same decision as a scanned QR code, recorded as the guard's act. */
  async redeem(user: User, command: PassRedeem): Promise<PassResult> {
    const gateId = this.gateFor(command.gateDeviceId);
    const book = this.deps.store.passBook();
    const eventId = this.deps.newId();
    const result = await this.deps.day.recordDecision((roster, state, now) => {
      const presented = presentedFromTyping(command.code);
      const decision = decidePass({ roster, state, book, presented, deviceId: gateId, now });
      const base = { day: state.day, at: now.toISOString(), actor: { kind: "user" as const, id: user.id } };
      const events = decision.consequences.map(
        (c, i) => ({ ...c, ...base, id: `${eventId}#${i + 1}` }) as DayEvent,
      );
      return { result: decision.result, events };
    });
    log.info(
      { by: user.username, refused: result.refused, passId: result.passId },
      "pass code typed at the gate",
    );
    return result;
  }

  private async view(pass: Pass): Promise<PassView> {
    const { key } = this.deps.store.passBook();
    return this.deps.day.inspect((roster, state) =>
      passView(key, roster, pass, state.day, state.passUses.get(pass.id)),
    );
  }

  private find(passId: string): Pass {
    const pass = this.deps.store.passBook().passes.find((p) => p.id === passId);
    if (!pass) throw new WanfengError("NOT_FOUND", `no pass ${passId}`);
    return pass;
  }

  private today(roster: RosterIndex): string {
    return schoolDay(this.deps.clock(), roster.settings.timezone);
  }

  /** From today on, the end not before the start, at most PASS_MAX_DAYS days. */
  private checkDates(validFrom: string, validTo: string, roster: RosterIndex): void {
    const today = this.today(roster);
    let days = 1;
    for (let d = validFrom; d < validTo && days <= PASS_MAX_DAYS; d = nextDay(d)) days++;
    if (validFrom < today || validTo < validFrom || days > PASS_MAX_DAYS) {
      throw new WanfengError("PASS_BAD_DATES", `bad pass dates ${validFrom}..${validTo} (today ${today})`);
    }
  }

  private gateFor(deviceId: string | undefined): string {
    const devices = [...this.deps.day.currentRoster.devices.values()];
    const gate = devices.find((d) => d.kind === "gate" && (deviceId === undefined || d.id === deviceId));
    if (!gate) throw new WanfengError("NOT_FOUND", `no gate device ${deviceId ?? ""}`);
    return gate.id;
  }
}

/**
 * The guardian who announced the delegate: one who may collect every child on the pass (a pass
 * is for one family). The one asked for, or else the first such guardian in the roster.
 */
function announcingGuardian(
  roster: RosterIndex,
  childIds: readonly string[],
  wanted: string | undefined,
): string {
  const candidates = [...roster.guardianshipsByGuardian.entries()]
    .filter(([, links]) => childIds.every((id) => links.some((l) => l.childId === id)))
    .map(([guardianId]) => guardianId);
  const chosen = wanted === undefined ? candidates[0] : candidates.find((g) => g === wanted);
  if (!chosen) throw new WanfengError("PASS_NOT_ONE_FAMILY", "no guardian of every child on the pass");
  return chosen;
}
