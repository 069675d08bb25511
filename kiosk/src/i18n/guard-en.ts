import type { GuardCatalogue } from "./guard-zh";

/** The guard's eyes in English. Same keys as guard-zh.ts. */
export const guardEn: GuardCatalogue = {
  guard: {
    reason: {
      requestedBy: "asked for by {{by}} at {{time}}",
      releasedFor: "released for {{by}} at {{time}}",
      collectedBy: "collected by {{by}} at {{time}}",
      collectedAt: "collected at {{time}}",
      since: "{{time}}",
      leave: "leave: {{reason}}",
      note: "note: {{note}}",
    },
    ack: {
      button: "Done",
      note: "What was done (optional)",
      done: "Done: {{by}} {{time}}",
      doneNote: "Done: {{by}} {{time}} · {{note}}",
      folded: "Alerts dealt with ({{count}})",
      open: "Open alerts ({{count}})",
      toast: "Alert marked as dealt with",
    },
    lookAlike: {
      title: "Careful: a similar name",
      kind: {
        same_name: "same name",
        same_pinyin: "same sound",
        similar_sound: "sounds alike",
        similar_look: "looks alike",
      },
      listTitle: "Children with similar names",
      listHint:
        "Same name, same sound, or the same surname with one character that sounds or looks alike: make sure their photos are on file and tell the teachers and the guard.",
      none: "No similar names in the school.",
      where: "({{class}} · {{group}})",
    },
    face: {
      enlarge: "Enlarge {{name}}'s photo",
    },
    custody: {
      title: "May not collect",
      who: "{{name}} ({{relation}})",
      idLast4: "ID card ends {{last4}}",
    },
    record: {
      headHash: "Record hash (chain head): {{hash}}",
    },
    clone: {
      first: "first read at {{gate}} {{time}}",
      second: "then at {{gate}} {{time}}",
      allCollected: "all the card's children were already collected today",
      suspend: "Suspend this card",
      suspendConfirm: "Suspend card {{cardId}}? It will be refused at every gate.",
      suspended: "Card {{cardId}} suspended",
    },
  },
};
