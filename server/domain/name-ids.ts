/**
 * Ids for rooms, groups and guardians made from their names when the name has Latin letters or
 * digits ("101教室" → room-101), else a counter (一二年级托管班 → group-1). Stable: an id is never
 * reused or renamed, and a later import finds the same thing by name, not by id.
 */
export function newId(prefix: string, name: string, taken: ReadonlySet<string>): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  if (slug !== "" && !taken.has(`${prefix}-${slug}`)) return `${prefix}-${slug}`;
  for (let n = 1; ; n++) {
    const candidate = `${prefix}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
