import { orNull, present, type TableSpec } from "./table-spec";

/** Logins, their sessions, and the gate agents and room readers. */

export const USERS_TABLE: TableSpec = {
  table: "users",
  kind: "users",
  key: ["id"],
  ordered: true,
  columns: {
    id: "text",
    username: "text",
    display_name: "text",
    role: "text",
    password_hash: "text",
    group_ids: "text[]",
  },
  rows: (db) =>
    db.users.map((u) => ({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: u.passwordHash,
      group_ids: u.groupIds,
    })),
  place(draft, rows) {
    draft.users = rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      passwordHash: r.password_hash,
      groupIds: r.group_ids,
    }));
  },
};

/** Found by hash, never listed in order: no position, so dropping expired ones rewrites nothing else. */
export const SESSIONS_TABLE: TableSpec = {
  table: "sessions",
  kind: "sessions",
  key: ["token_hash"],
  globalKey: true,
  ordered: false,
  columns: { token_hash: "text", user_id: "text", expires_at: "text" },
  rows: (db) =>
    db.sessions.map((s) => ({ token_hash: s.tokenHash, user_id: s.userId, expires_at: s.expiresAt })),
  place(draft, rows) {
    draft.sessions = rows.map((r) => ({
      tokenHash: r.token_hash,
      userId: r.user_id,
      expiresAt: r.expires_at,
    }));
  },
};

export const DEVICES_TABLE: TableSpec = {
  table: "devices",
  kind: "devices",
  key: ["id"],
  ordered: true,
  columns: {
    id: "text",
    name: "text",
    kind: "text",
    group_id: "text",
    token_hash: "text",
    created_at: "text",
    readers: "jsonb",
  },
  rows: (db) =>
    db.devices.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      group_id: orNull(d.groupId),
      token_hash: d.tokenHash,
      created_at: d.createdAt,
      readers: orNull(d.readers),
    })),
  place(draft, rows) {
    draft.devices = rows.map((r) =>
      present({
        id: r.id,
        name: r.name,
        kind: r.kind,
        groupId: r.group_id,
        tokenHash: r.token_hash,
        createdAt: r.created_at,
        readers: r.readers,
      }),
    );
  },
};
