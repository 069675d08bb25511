export * from "./card-number";
export * from "./errors";
export * from "./events";
export * from "./model";
export * from "./overview";
export * from "./room";
export * from "./reports";
export * from "./technician";
