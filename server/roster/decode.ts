/**
 * Bytes of a roster file to text. Excel in China saves "CSV" as GB18030 (GBK) unless the user
 * picks "CSV UTF-8", which adds a BOM; "Unicode text" is UTF-16 with a BOM. Anything that is not
 * valid UTF-8 is read as GB18030, a superset of GBK and GB2312.
 */
export function decodeRosterBytes(input: Buffer | string): string {
  if (typeof input === "string") return stripBom(input);
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(input.subarray(3));
  }
  if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder("utf-16le").decode(input.subarray(2));
  if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder("utf-16be").decode(input.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    return new TextDecoder("gb18030").decode(input);
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
