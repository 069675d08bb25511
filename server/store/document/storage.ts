import type { Storage } from "../../ports/storage";
import type { PassKeySource } from "../pass-key-file";
import type { DocumentStore } from "../schema";
import { documentAccess } from "./access";
import { documentCare } from "./care";
import { documentRoster } from "./roster";

/** The document store and every storage port on it: what the file/lowdb backend gives the wiring. */
export type DocumentStorage = DocumentStore & Storage;

/** `passKeys`: where the pass key lives (the file store's own file); without it, the document. */
export function documentStorage(store: DocumentStore, passKeys?: PassKeySource): DocumentStorage {
  return {
    read: () => store.read(),
    update: (change) => store.update(change),
    onChange: (listener) => store.onChange(listener),
    onExternalChange: (listener) => store.onExternalChange(listener),
    ...documentRoster(store),
    ...documentAccess(store),
    ...documentCare(store, passKeys),
  };
}
