import { createMemoryStore, openDocumentStore } from "../../server/store/lowdb-store";
import { retentionContract } from "./retention-contract";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();

// PostgreSQL's school_settings has no columns for these yet (they live only in its in-memory copy):
// register it here as storage-contract.test.ts does once it has.
retentionContract("document in memory", async () => createMemoryStore());
retentionContract("document file", async () => openDocumentStore(await tempDir()));
