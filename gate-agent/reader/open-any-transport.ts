import { hidTransport } from "./hid-transport";
import { serialTransport } from "./serial-transport";
import type { OpenTransport } from "./transport";

/** One opener per transport kind of the profile schema; tests pass fakes for the kinds they use. */
export interface TransportOpeners {
  serial?: OpenTransport;
  hid?: OpenTransport;
}

/**
 * Opens a reader with the transport its profile names (`transport.kind`), so one agent can run a
 * serial reader and a USB HID reader side by side. The real openers are made only when first
 * needed: an agent with serial readers only never loads node-hid's native backend.
 */
export function openAnyTransport(openers: TransportOpeners = {}): OpenTransport {
  let serial = openers.serial;
  let hid = openers.hid;
  return (request, handlers) => {
    switch (request.settings.kind) {
      case "serial":
        serial ??= serialTransport();
        return serial(request, handlers);
      case "hid":
        hid ??= hidTransport();
        return hid(request, handlers);
    }
  };
}
