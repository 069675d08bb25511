/**
 * The 14 bytes an RDM6300 sends for a card (hardware.md): STX, 10 ASCII hex digits
 * (version byte + 4 tag bytes), 2 ASCII hex digits of XOR checksum, ETX.
 */
export function em4100Frame(cardId: string, versionByte = 0x01): Buffer {
  const low32 = Number(cardId);
  const bytes = [
    versionByte,
    (low32 >>> 24) & 0xff,
    (low32 >>> 16) & 0xff,
    (low32 >>> 8) & 0xff,
    low32 & 0xff,
  ];
  const checksum = bytes.reduce((a, b) => a ^ b, 0);
  const hex = [...bytes, checksum].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join("");
  return Buffer.concat([Buffer.from([0x02]), Buffer.from(hex, "latin1"), Buffer.from([0x03])]);
}
