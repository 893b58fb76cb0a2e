/** `@matchgraph/talent/matching`: the pure matching code (features, rules, explanations, synthetic world) for benches and tools. */
export * from "./types.js";
export * from "./features.js";
export * from "./rules.js";
export * from "./explain.js";
export * from "./synthetic.js";
