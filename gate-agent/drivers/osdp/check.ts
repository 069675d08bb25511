/**
 * OSDP's two message check characters. CRC-16: polynomial 0x1021, initial value 0x1D0F, no
 * reflection, sent little-endian. Checksum: the two's complement of the byte sum, so that all
 * bytes of the packet including it add up to zero. Vectors in shared/hardware.md and the tests.
 */

export function crc16(bytes: Uint8Array): number {
  let crc = 0x1d0f;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

export function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum = (sum + byte) & 0xff;
  return (0x100 - sum) & 0xff;
}
