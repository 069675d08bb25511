import { orNull, present, type Row, type TableSpec } from "./table-spec";

/** The school's settings, rooms, care groups, children, guardians, guardianships and cards. */

export const SETTINGS_TABLE: TableSpec = {
  table: "school_settings",
  kind: "settings",
  key: [],
  ordered: false,
  columns: {
    school_name: "text",
    timezone: "text",
    debounce_ms: "integer",
    demo: "boolean",
    released_alarm_minutes: "integer",
    clone_window_ms: "integer",
    reception_room_name: "text",
    retention: "jsonb",
    last_purge: "jsonb",
  },
  rows: ({ settings: s }) => [
    {
      school_name: s.schoolName,
      timezone: s.timezone,
      debounce_ms: s.debounceMs,
      demo: s.demo,
      released_alarm_minutes: orNull(s.releasedAlarmMinutes),
      clone_window_ms: orNull(s.cloneWindowMs),
      reception_room_name: orNull(s.receptionRoomName),
      retention: orNull(s.retention),
      last_purge: orNull(s.lastPurge),
    },
  ],
  place(draft, rows) {
    const row = rows[0];
    // Without a row the loader's defaults (from the schools table) stay.
    if (!row) return;
    draft.settings = present({
      schoolName: row.school_name,
      timezone: row.timezone,
      debounceMs: row.debounce_ms,
      demo: row.demo,
      releasedAlarmMinutes: row.released_alarm_minutes,
      cloneWindowMs: row.clone_window_ms,
      retention: row.retention,
      lastPurge: row.last_purge,
      receptionRoomName: row.reception_room_name,
    });
  },
};

export const ROOMS_TABLE: TableSpec = {
  table: "rooms",
  kind: "roster",
  key: ["id"],
  ordered: true,
  columns: { id: "text", name: "text" },
  rows: (db) => db.rooms.map((r) => ({ id: r.id, name: r.name })),
  place(draft, rows) {
    draft.rooms = rows.map((r) => ({ id: r.id, name: r.name }));
  },
};

export const GROUPS_TABLE: TableSpec = {
  table: "care_groups",
  kind: "roster",
  key: ["id"],
  ordered: true,
  columns: { id: "text", name: "text", room_id: "text", capacity: "integer", announce: "jsonb" },
  rows: (db) =>
    db.groups.map((g) => ({
      id: g.id,
      name: g.name,
      room_id: g.roomId,
      capacity: g.capacity,
      announce: orNull(g.announce),
    })),
  place(draft, rows) {
    draft.groups = rows.map((r) =>
      present({ id: r.id, name: r.name, roomId: r.room_id, capacity: r.capacity, announce: r.announce }),
    );
  },
};

export const CHILDREN_TABLE: TableSpec = {
  table: "children",
  kind: "roster",
  key: ["id"],
  ordered: true,
  columns: {
    id: "text",
    name: "text",
    grade: "integer",
    class_name: "text",
    group_id: "text",
    health: "jsonb",
    photo: "text",
    not_authorised: "jsonb",
    added_on: "date",
  },
  rows: (db) =>
    db.children.map((c) => ({
      id: c.id,
      name: c.name,
      grade: c.grade,
      class_name: c.className,
      group_id: c.groupId,
      health: orNull(c.health),
      photo: orNull(c.photo),
      not_authorised: orNull(c.notAuthorised),
      added_on: orNull(c.addedOn),
    })),
  place(draft, rows) {
    draft.children = rows.map((r) =>
      present({
        id: r.id,
        name: r.name,
        grade: r.grade,
        className: r.class_name,
        groupId: r.group_id,
        health: r.health,
        photo: r.photo,
        notAuthorised: r.not_authorised,
        addedOn: r.added_on,
      }),
    );
  },
};

export const GUARDIANS_TABLE: TableSpec = {
  table: "guardians",
  kind: "roster",
  key: ["id"],
  ordered: true,
  columns: { id: "text", name: "text", phone: "text", photo: "text" },
  rows: (db) => db.guardians.map((g) => ({ id: g.id, name: g.name, phone: g.phone, photo: orNull(g.photo) })),
  place(draft, rows) {
    draft.guardians = rows.map((r) => present({ id: r.id, name: r.name, phone: r.phone, photo: r.photo }));
  },
};

export const GUARDIANSHIPS_TABLE: TableSpec = {
  table: "guardianships",
  kind: "roster",
  key: ["child_id", "guardian_id"],
  ordered: true,
  columns: { child_id: "text", guardian_id: "text", relation: "text" },
  rows: (db) =>
    db.guardianships.map((g) => ({ child_id: g.childId, guardian_id: g.guardianId, relation: g.relation })),
  place(draft, rows) {
    draft.guardianships = rows.map((r) => ({
      childId: r.child_id,
      guardianId: r.guardian_id,
      relation: r.relation,
    }));
  },
};

export const CARDS_TABLE: TableSpec = {
  table: "cards",
  kind: "cards",
  key: ["id"],
  ordered: true,
  columns: { id: "text", holder_kind: "text", holder_id: "text", status: "text" },
  rows: (db) =>
    db.cards.map((c) => ({ id: c.id, holder_kind: c.holder.kind, holder_id: c.holder.id, status: c.status })),
  place(draft, rows) {
    draft.cards = rows.map((r: Row) => ({
      id: r.id,
      holder: { kind: r.holder_kind, id: r.holder_id },
      status: r.status,
    }));
  },
};
