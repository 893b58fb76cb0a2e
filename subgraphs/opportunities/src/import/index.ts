export * from "./errors.js";
export * from "./columns.js";
export * from "./values.js";
export * from "./csv.js";
