import { createLogger } from "../../common/log";
import { DEFAULT_PROFILES_DIR, loadAllProfiles } from "../../common/profiles/load";
import type { HardwareProfileSummary } from "../../protocol";

const log = createLogger("profiles");

/**
 * The hardware profiles a technician may choose from: the same files the agents load, read once
 * (they ship with the software and change only with an upgrade).
 */
export class ProfileCatalog {
  private loading: Promise<HardwareProfileSummary[]> | undefined;

  constructor(private readonly dir = DEFAULT_PROFILES_DIR) {}

  list(): Promise<HardwareProfileSummary[]> {
    this.loading ??= loadAllProfiles(this.dir).then(
      (profiles) => profiles.map((p) => ({ id: p.id, name: p.name })),
      (err: unknown) => {
        // A broken profile file must not take the technician screen down with it; retry next time.
        log.error({ err, dir: this.dir }, "cannot load hardware profiles");
        this.loading = undefined;
        return [];
      },
    );
    return this.loading;
  }

  async has(profileId: string): Promise<boolean> {
    return (await this.list()).some((p) => p.id === profileId);
  }
}
