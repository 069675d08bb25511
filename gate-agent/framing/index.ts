import type { FramingConfig } from "../profiles/schema";
import { StxEtxFramer } from "./stx-etx";
import type { Framer, RejectListener } from "./types";

export type { StxEtxOptions } from "./stx-etx";
export type { Frame, FrameReject, FrameRejectReason, Framer, RejectListener } from "./types";

/** A new framing kind is one file, one case here and one entry in the profile schema. */
export function createFramer(config: FramingConfig, onReject: RejectListener = () => {}): Framer {
  switch (config.kind) {
    case "stx-etx":
      return new StxEtxFramer(config.options, onReject);
  }
}
