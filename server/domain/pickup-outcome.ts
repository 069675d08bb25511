import type { PickupChildOutcome } from "../../protocol";

/** Whether a child can be asked for now, the same rule for a guardian's card and a delegate's pass. */
export function pickupOutcome(status: string): PickupChildOutcome {
  switch (status) {
    case "checked_in":
      return "requested";
    case "expected":
      return "not_checked_in";
    case "on_leave":
      return "on_leave";
    case "pickup_requested":
      return "already_requested";
    case "released":
      return "already_released";
    default:
      return "already_collected";
  }
}
