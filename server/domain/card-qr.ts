import { CARD_QR_PREFIX, type Reading } from "../../protocol";

/**
 * A printed pickup card carries a QR code of its card id (`WFCARD:<id>`), for guardians who show
 * the card to a QR scanner rather than an RFID reader: the scan is read as that card, with every
 * rule of a card (lost, revoked, debounce) applying. Any other code is left as it is (a pass…).
 */
export function cardQrReading(reading: Reading): Reading {
  if (reading.kind !== "code" || !reading.text.startsWith(CARD_QR_PREFIX)) return reading;
  const cardId = reading.text.slice(CARD_QR_PREFIX.length).trim();
  return cardId === "" || cardId.length > 64 ? reading : { kind: "card", cardId };
}
