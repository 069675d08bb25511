/**
 * Where the screens are: kiosk socket k shows group kioskGroups[k]; guardCount sockets show the
 * gate. The server run and the relay run use the same layout.
 */
export interface ScreenLayout {
  kioskGroups: string[];
  guardCount: number;
  /** Groups with at least one kiosk, in first-seen order. */
  coveredGroups: string[];
  kiosksPerGroup: Map<string, number>;
}

/** A screen as the tracker knows it: a group's kiosk or a guard screen. */
export type ScreenRole = { kind: "kiosk"; groupId: string } | { kind: "guard" };

/** Kiosks dealt over the groups round-robin (every group gets one before any gets two), then guards. */
export function layoutScreens(
  screens: number,
  guardShare: number,
  groupIds: readonly string[],
): ScreenLayout {
  if (groupIds.length === 0) throw new Error("no care groups");
  const guardCount = Math.min(screens - 1, Math.max(1, Math.round(screens * guardShare)));
  const kioskCount = screens - guardCount;
  const kioskGroups: string[] = [];
  const kiosksPerGroup = new Map<string, number>();
  for (let k = 0; k < kioskCount; k++) {
    const groupId = groupIds[k % groupIds.length];
    if (groupId === undefined) throw new Error(`no group for kiosk ${k}`);
    kioskGroups.push(groupId);
    kiosksPerGroup.set(groupId, (kiosksPerGroup.get(groupId) ?? 0) + 1);
  }
  return { kioskGroups, guardCount, coveredGroups: [...kiosksPerGroup.keys()], kiosksPerGroup };
}

/** Every screen in connection order: the kiosks, then the guard screens. */
export function screenRoles(layout: ScreenLayout): ScreenRole[] {
  return [
    ...layout.kioskGroups.map((groupId): ScreenRole => ({ kind: "kiosk", groupId })),
    ...Array.from({ length: layout.guardCount }, (): ScreenRole => ({ kind: "guard" })),
  ];
}
