/** The domain's entities: what the school keeps, validated wherever it enters (file, request, import). */
export * from "../../../protocol/care-schedule";
export * from "./card";
export * from "./custody";
export * from "./device";
export * from "./ids";
export * from "./leave";
export * from "./office";
export * from "./pass";
export * from "./roster";
export * from "./school-roster";
export * from "./settings";
export * from "./staff";
