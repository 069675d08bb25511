import type { SessionStore, UserStore } from "../ports/access";
import type { Storage } from "../ports/storage";

/**
 * A school's storage as its runtime sees it on a district: the school's own logins, and the
 * district's readers besides (their sessions resolve in every school they open). Everything else
 * is the school's storage itself. A Proxy, so that no port of the storage has to be listed here.
 */
export function withDistrictLogins(store: Storage, district: UserStore & SessionStore): Storage {
  const overrides: Partial<Record<keyof Storage, unknown>> = {
    findSession: (tokenHash: string) => store.findSession(tokenHash) ?? district.findSession(tokenHash),
    findUser: (userId: string) => store.findUser(userId) ?? district.findUser(userId),
    deleteSession: async (tokenHash: string) => {
      await store.deleteSession(tokenHash);
      await district.deleteSession(tokenHash);
    },
  };
  // Bound once per method: the tap path calls the store often, and a bind per call is garbage.
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      if (typeof property === "string" && property in overrides) return overrides[property as keyof Storage];
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      let method = bound.get(property);
      if (method === undefined) {
        method = value.bind(target);
        bound.set(property, method);
      }
      return method;
    },
  });
}
