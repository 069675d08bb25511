import type { FramingConfig } from "../../common/profiles/schema";
import { HidKeyboardFramer } from "./hid-keyboard";
import { LineFramer } from "./line";
import { StxEtxFramer } from "./stx-etx";
import type { Framer, RejectListener } from "./types";

export type { Frame, FrameReject, FrameRejectReason, Framer, RejectListener } from "./types";

/**
 * A new framing kind is one file, one case here, and its options in common/profiles/
 * (framing-options.ts, plugged into schema.ts).
 */
export function createFramer(config: FramingConfig, onReject: RejectListener = () => {}): Framer {
  switch (config.kind) {
    case "stx-etx":
      return new StxEtxFramer(config.options, onReject);
    case "hid-keyboard":
      return new HidKeyboardFramer(config.options, onReject);
    case "line":
      return new LineFramer(config.options, onReject);
  }
}
