import { optionalList, orNull, present, type TableSpec } from "./table-spec";

/** The timetable, passes and their key, leaves, enrolment paperwork, special care and duties. */

export const SCHEDULE_TABLE: TableSpec = {
  table: "schedules",
  kind: "schedule",
  key: [],
  ordered: false,
  columns: {
    care_days: "text[]",
    seasons: "jsonb",
    bands: "jsonb",
    holidays: "jsonb",
    workdays: "jsonb",
    sessions: "jsonb",
  },
  rows: ({ schedule: s }) =>
    s
      ? [
          {
            care_days: s.careDays,
            seasons: s.seasons,
            bands: s.bands,
            holidays: s.holidays,
            workdays: s.workdays,
            sessions: s.sessions,
          },
        ]
      : [],
  place(draft, rows) {
    const r = rows[0];
    draft.schedule = r && {
      careDays: r.care_days,
      seasons: r.seasons,
      bands: r.bands,
      holidays: r.holidays,
      workdays: r.workdays,
      sessions: r.sessions,
    };
  },
};

export const PASS_KEY_TABLE: TableSpec = {
  table: "pass_keys",
  kind: "passes",
  key: [],
  ordered: false,
  columns: { signing_key: "text" },
  rows: (db) => (db.passKey ? [{ signing_key: db.passKey }] : []),
  place(draft, rows) {
    draft.passKey = rows[0]?.signing_key;
  },
};

export const PASSES_TABLE: TableSpec = {
  table: "passes",
  kind: "passes",
  key: ["id"],
  ordered: true,
  columns: {
    id: "text",
    delegate: "jsonb",
    child_ids: "text[]",
    guardian_id: "text",
    valid_from: "date",
    valid_to: "date",
    short_code: "text",
    created_at: "text",
    created_by: "text",
    revoked_at: "text",
    revoked_by: "text",
  },
  rows: (db) =>
    (db.passes ?? []).map((p) => ({
      id: p.id,
      delegate: p.delegate,
      child_ids: p.childIds,
      guardian_id: p.guardianId,
      valid_from: p.validFrom,
      valid_to: p.validTo,
      short_code: p.shortCode,
      created_at: p.createdAt,
      created_by: p.createdBy,
      revoked_at: orNull(p.revokedAt),
      revoked_by: orNull(p.revokedBy),
    })),
  place(draft, rows) {
    draft.passes = optionalList(rows, (r) =>
      present({
        id: r.id,
        delegate: r.delegate,
        childIds: r.child_ids,
        guardianId: r.guardian_id,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        shortCode: r.short_code,
        createdAt: r.created_at,
        createdBy: r.created_by,
        revokedAt: r.revoked_at,
        revokedBy: r.revoked_by,
      }),
    );
  },
};

export const LEAVES_TABLE: TableSpec = {
  table: "leaves",
  kind: "leaves",
  key: ["id"],
  ordered: true,
  columns: {
    id: "text",
    child_id: "text",
    from_day: "date",
    to_day: "date",
    asked_by: "jsonb",
    channel: "text",
    asked_at: "text",
    reason: "text",
    recorded_at: "text",
    recorded_by: "text",
    recorded_by_name: "text",
    cancelled_at: "text",
    cancelled_by: "text",
    cancel_reason: "text",
  },
  rows: (db) =>
    (db.leaves ?? []).map((l) => ({
      id: l.id,
      child_id: l.childId,
      from_day: l.from,
      to_day: l.to,
      asked_by: l.askedBy,
      channel: l.channel,
      asked_at: l.askedAt,
      reason: l.reason,
      recorded_at: l.recordedAt,
      recorded_by: l.recordedBy,
      recorded_by_name: l.recordedByName,
      cancelled_at: orNull(l.cancelledAt),
      cancelled_by: orNull(l.cancelledBy),
      cancel_reason: orNull(l.cancelReason),
    })),
  place(draft, rows) {
    draft.leaves = optionalList(rows, (r) =>
      present({
        id: r.id,
        childId: r.child_id,
        from: r.from_day,
        to: r.to_day,
        askedBy: r.asked_by,
        channel: r.channel,
        askedAt: r.asked_at,
        reason: r.reason,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
        recordedByName: r.recorded_by_name,
        cancelledAt: r.cancelled_at,
        cancelledBy: r.cancelled_by,
        cancelReason: r.cancel_reason,
      }),
    );
  },
};

export const ENROLMENTS_TABLE: TableSpec = {
  table: "enrolments",
  kind: "enrolments",
  key: ["id"],
  ordered: true,
  columns: {
    id: "text",
    child_id: "text",
    application: "jsonb",
    approval: "jsonb",
    declined: "jsonb",
    agreement: "jsonb",
    withdrawal: "jsonb",
    keeps_care: "boolean",
    recorded_by: "text",
    updated_at: "text",
  },
  rows: (db) =>
    (db.enrolments ?? []).map((e) => ({
      id: e.id,
      child_id: e.childId,
      application: e.application,
      approval: orNull(e.approval),
      declined: orNull(e.declined),
      agreement: orNull(e.agreement),
      withdrawal: orNull(e.withdrawal),
      keeps_care: orNull(e.keepsCare),
      recorded_by: e.recordedBy,
      updated_at: e.updatedAt,
    })),
  place(draft, rows) {
    draft.enrolments = optionalList(rows, (r) =>
      present({
        id: r.id,
        childId: r.child_id,
        application: r.application,
        approval: r.approval,
        declined: r.declined,
        agreement: r.agreement,
        withdrawal: r.withdrawal,
        keepsCare: r.keeps_care,
        recordedBy: r.recorded_by,
        updatedAt: r.updated_at,
      }),
    );
  },
};

export const SPECIAL_CARE_TABLE: TableSpec = {
  table: "special_care",
  kind: "enrolments",
  key: ["id"],
  ordered: true,
  columns: {
    id: "text",
    child_id: "text",
    group_id: "text",
    days: "text[]",
    decided_by: "text",
    reason: "text",
    recorded_by: "text",
    recorded_at: "text",
  },
  rows: (db) =>
    (db.specialCare ?? []).map((s) => ({
      id: s.id,
      child_id: s.childId,
      group_id: s.groupId,
      days: s.days,
      decided_by: s.decidedBy,
      reason: s.reason,
      recorded_by: s.recordedBy,
      recorded_at: s.recordedAt,
    })),
  place(draft, rows) {
    draft.specialCare = optionalList(rows, (r) => ({
      id: r.id,
      childId: r.child_id,
      groupId: r.group_id,
      days: r.days,
      decidedBy: r.decided_by,
      reason: r.reason,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }));
  },
};

export const DUTIES_TABLE: TableSpec = {
  table: "duties",
  kind: "duties",
  key: ["id"],
  ordered: true,
  columns: {
    id: "text",
    group_id: "text",
    on_date: "date",
    weekday: "text",
    person: "jsonb",
    from_time: "text",
    note: "text",
  },
  rows: (db) =>
    (db.duties ?? []).map((d) => ({
      id: d.id,
      group_id: d.groupId,
      on_date: orNull(d.date),
      weekday: orNull(d.weekday),
      person: d.person,
      from_time: orNull(d.from),
      note: orNull(d.note),
    })),
  place(draft, rows) {
    draft.duties = optionalList(rows, (r) =>
      present({
        id: r.id,
        groupId: r.group_id,
        date: r.on_date,
        weekday: r.weekday,
        person: r.person,
        from: r.from_time,
        note: r.note,
      }),
    );
  },
};
