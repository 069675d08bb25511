import type { EnrolmentDone } from "../../protocol";
import type { DayService } from "../day/day-service";
import { DeviceRegistry } from "../devices/device-registry";
import { ProfileCatalog } from "../devices/profile-catalog";
import { EnrolmentService } from "../enrolment/enrolment-service";
import type { DeviceStore } from "../ports/access";
import type { CardStore, RosterReader } from "../ports/roster";
import { TechnicianHub } from "./technician-part";

/**
 * Wires the technician's tools: the registry of connected devices, the hardware profiles, the
 * enrolment service (which claims taps from the day service) and the hub that speaks on sockets.
 * The hub's namespaces are attached later (it answers the screen namespace's technician view).
 */
export function createTechnicianHub(
  store: DeviceStore & CardStore & RosterReader,
  day: DayService,
  clock: () => Date,
): TechnicianHub {
  const registry = new DeviceRegistry(clock);
  let notify: (socketId: string, done: EnrolmentDone) => void = () => {};
  const enrolment = new EnrolmentService({ store, day, clock, notify: (id, done) => notify(id, done) });
  const hub = new TechnicianHub({ store, day, registry, profiles: new ProfileCatalog(), enrolment });
  notify = (id, done) => hub.notifyEnrolment(id, done);
  return hub;
}
