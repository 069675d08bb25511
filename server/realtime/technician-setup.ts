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
 * The hub's namespaces are attached later (it answers the screen namespace's technician view);
 * `clustered`: other server nodes serve the school too, and hear of this node's devices and
 * enrolments.
 */
export function createTechnicianHub(
  store: DeviceStore & CardStore & RosterReader,
  day: DayService,
  clock: () => Date,
  clustered = false,
): TechnicianHub {
  const registry = new DeviceRegistry(clock);
  // The hub exists only after the service it serves: both reach it once it does.
  const hub = (): TechnicianHub => made;
  const enrolment = new EnrolmentService({
    store,
    day,
    clock,
    notify: (id, done) => hub().notifyEnrolment(id, done),
    peers: {
      started: (shared) => hub().enrolmentPeers?.started(shared),
      ended: (deviceId, socketId) => hub().enrolmentPeers?.ended(deviceId, socketId),
    },
  });
  const made = new TechnicianHub({
    store,
    day,
    registry,
    profiles: new ProfileCatalog(),
    enrolment,
    clustered,
  });
  return made;
}
