export * from "./rules";
export * from "./pmi";
export * from "./link";
export * from "./passcode";
export * from "./generate";
export * from "./room";
export * from "./errors";
export * from "./account";
