import type pg from "pg";
import { createLogger } from "../../../common/log";
import { WanfengError } from "../../../protocol/errors";
import type { Session, User } from "../../domain/entities";
import type { SessionStore, UserStore } from "../../ports/access";
import { storeError } from "./db-errors";

const log = createLogger("store/district");
/** How often a node re-reads the district's logins: a logout on another node ends a socket here by then. */
const REFRESH_MS = 30_000;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
}
interface SessionRow {
  token_hash: string;
  user_id: string;
  expires_at: Date;
}

/**
 * The district's logins and sessions on the database, read through an in-memory copy because the
 * session ports are synchronous (a screen's session is checked on every command). The copy is
 * refreshed on a timer and, before the front trusts a cookie or a username it does not know,
 * from the database (`refreshSession`, `refreshUser`): a login on node A works on node B at once.
 */
export class DistrictDirectory implements UserStore, SessionStore {
  private readonly users = new Map<string, User>();
  private readonly sessions = new Map<string, Session>();
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(pool: pg.Pool): Promise<DistrictDirectory> {
    const directory = new DistrictDirectory(pool);
    await directory.reload();
    directory.timer = setInterval(
      () => void directory.reload().catch((err) => log.warn({ err }, "district logins not refreshed")),
      REFRESH_MS,
    );
    directory.timer.unref();
    return directory;
  }

  close(): void {
    clearInterval(this.timer);
  }

  findUserByUsername(username: string): User | undefined {
    const wanted = username.toLowerCase();
    for (const user of this.users.values()) if (user.username.toLowerCase() === wanted) return user;
    return undefined;
  }

  findUser(userId: string): User | undefined {
    return this.users.get(userId);
  }

  /** VALIDATION_FAILED (field username): taken, by a district login or by any school's staff. */
  async addUser(user: User): Promise<void> {
    if (user.role !== "district")
      throw new WanfengError("VALIDATION_FAILED", "the district holds district logins only", {
        field: "role",
      });
    try {
      await this.pool.query(
        "INSERT INTO district_users (id, username, display_name, password_hash) VALUES ($1, $2, $3, $4)",
        [user.id, user.username, user.displayName, user.passwordHash],
      );
    } catch (err) {
      throw storeError(err, `district user ${user.username}`, log);
    }
    this.users.set(user.id, user);
  }

  findSession(tokenHash: string): Session | undefined {
    return this.sessions.get(tokenHash);
  }

  async addSession(session: Session, now: Date): Promise<void> {
    try {
      await this.pool.query("DELETE FROM district_sessions WHERE expires_at <= $1", [now]);
      await this.pool.query(
        "INSERT INTO district_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        [session.tokenHash, session.userId, session.expiresAt],
      );
    } catch (err) {
      throw storeError(err, "district session", log);
    }
    this.sessions.set(session.tokenHash, session);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query("DELETE FROM district_sessions WHERE token_hash = $1", [tokenHash]);
    this.sessions.delete(tokenHash);
  }

  async deleteSessionsOfUser(userId: string): Promise<void> {
    await this.pool.query("DELETE FROM district_sessions WHERE user_id = $1", [userId]);
    for (const [hash, session] of this.sessions) if (session.userId === userId) this.sessions.delete(hash);
  }

  /** The session as the database holds it now (made or ended on another node). */
  async refreshSession(tokenHash: string): Promise<Session | undefined> {
    const { rows } = await this.pool.query<SessionRow>(
      "SELECT token_hash, user_id, expires_at FROM district_sessions WHERE token_hash = $1",
      [tokenHash],
    );
    const row = rows[0];
    if (!row) {
      this.sessions.delete(tokenHash);
      return undefined;
    }
    const session = toSession(row);
    this.sessions.set(tokenHash, session);
    if (!this.users.has(session.userId)) await this.reload();
    return session;
  }

  /** The district login of that name as the database holds it now (added by `user add` meanwhile). */
  async refreshUser(username: string): Promise<User | undefined> {
    const { rows } = await this.pool.query<UserRow>(
      "SELECT id, username, display_name, password_hash FROM district_users WHERE lower(username) = lower($1)",
      [username],
    );
    const row = rows[0];
    if (!row) return undefined;
    const user = toUser(row);
    this.users.set(user.id, user);
    return user;
  }

  private async reload(): Promise<void> {
    const users = await this.pool.query<UserRow>(
      "SELECT id, username, display_name, password_hash FROM district_users",
    );
    const sessions = await this.pool.query<SessionRow>(
      "SELECT token_hash, user_id, expires_at FROM district_sessions WHERE expires_at > now()",
    );
    this.users.clear();
    for (const row of users.rows) this.users.set(row.id, toUser(row));
    this.sessions.clear();
    for (const row of sessions.rows) this.sessions.set(row.token_hash, toSession(row));
  }
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: "district",
    passwordHash: row.password_hash,
    groupIds: [],
  };
}

function toSession(row: SessionRow): Session {
  return { tokenHash: row.token_hash, userId: row.user_id, expiresAt: row.expires_at.toISOString() };
}
