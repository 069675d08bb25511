export * from "./card-number";
export * from "./errors";
export * from "./events";
export * from "./model";
export * from "./room";
export * from "./technician";
