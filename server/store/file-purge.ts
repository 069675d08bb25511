import { join } from "node:path";
import type { PurgeDeps } from "../privacy/purge";
import { currentActor } from "./change-actor";
import { appendChange, CHANGES_FOLDER, newChangeEntry } from "./change-record";
import type { DocumentStorage } from "./document/storage";
import { withDocumentLock } from "./document-lock";
import { daysToPseudonymise, pseudonymiseDay } from "./journal-pseudonyms";
import { documentPath } from "./lowdb-store";
import { photoFolder } from "./photo-folder";

/** What a purge works on in a data folder of the file backend. */
export function filePurgeDeps(dataDir: string, storage: DocumentStorage): PurgeDeps {
  const journalDir = join(dataDir, "journal");
  return {
    roster: storage,
    photos: photoFolder(join(dataDir, "photos")),
    journal: {
      daysBefore: (cutoff) => daysToPseudonymise(journalDir, cutoff),
      pseudonymiseDay: (day, purgeId, pseudonym) => pseudonymiseDay(journalDir, day, purgeId, pseudonym),
    },
    // Under the document lock, as every other append to the change record.
    record: (note) =>
      withDocumentLock(documentPath(dataDir), async () => {
        const entry = newChangeEntry(currentActor(), new Date(), [], note);
        await appendChange(join(dataDir, CHANGES_FOLDER), entry);
        return entry;
      }),
  };
}
