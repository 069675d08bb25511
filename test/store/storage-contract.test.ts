import { createMemoryStore, openDocumentStore } from "../../server/store/lowdb-store";
import { usePostgresStorages } from "./postgres-storages";
import { storageContract } from "./storage-contract";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();

storageContract("document in memory", async () => createMemoryStore());
storageContract("document file", async () => openDocumentStore(await tempDir()));

const postgres = usePostgresStorages();
storageContract("postgres", async () => (await postgres.fresh()).storage);
