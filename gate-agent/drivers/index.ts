import type { HardwareProfile } from "../../common/profiles/schema";
import { WanfengError } from "../../protocol/errors";
import { OsdpDriver } from "./osdp/driver";
import { Pn532Driver } from "./pn532/driver";
import { StreamDriver } from "./stream-driver";
import type { DriverContext, ReaderDriver } from "./types";

export type { DriverContext, Feedback, ReaderDriver } from "./types";

/**
 * The driver a profile asks for. Listen-only readers name a framing and a decoder; readers that
 * talk back name a `driver` (one file under drivers/, one case here, one schema entry).
 */
export function createDriver(profile: HardwareProfile, ctx: DriverContext): ReaderDriver {
  if (profile.driver) {
    switch (profile.driver.kind) {
      case "pn532":
        return new Pn532Driver(profile.driver.options, ctx);
      case "osdp":
        return new OsdpDriver(profile.driver.options, ctx);
    }
  }
  if (!profile.framing || !profile.decoder) {
    throw new WanfengError("PROFILE_INVALID", `${profile.id}: needs a driver, or a framing and a decoder`);
  }
  return new StreamDriver(profile.framing, profile.decoder, ctx);
}
