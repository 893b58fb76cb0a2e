// type-graphql reads reflect metadata while decorators run, so it must load before any of them.
import "reflect-metadata";
export * from "./config.js";
export * from "./context.js";
export * from "./embeddings.js";
export * from "./errors.js";
export * from "./http.js";
export * from "./identity.js";
export * from "./logger.js";
export * from "./metrics.js";
export * from "./pagination.js";
export * from "./plugins.js";
export * from "./pubsub.js";
export * from "./schema.js";
export * from "./server.js";
export * from "./validation.js";
export * from "./vectors.js";
export * from "./loaders.js";
export * from "./text.js";
