export { Prisma, PrismaClient } from "../generated/client.js";
export type {
  Opportunity,
  Lead,
  IntentSnippet,
  Talent,
  Job,
  KnowledgeSource,
  KnowledgeChunk,
  RecommendationItem,
  RecommendationFeedback,
} from "../generated/client.js";
export { openDatabase, type Database, type DbKind, type OpenDatabaseOptions } from "./database.js";
export { migrate, readMigrations, migrationChecksum, MigrationError } from "./migrate.js";
export type { MigrateOptions, MigrationFile, MigrationTarget, MigrationErrorCode } from "./migrate.js";
export { vectorLiteral, vectorType, parseVector, MAX_VECTOR_DIMENSION } from "./vector.js";
export { startPglite, moveAsideIncompatibleDataDir, IN_MEMORY, PGLITE_PG_MAJOR, type EmbeddedPglite, type PgliteConnection, type StartPgliteOptions } from "./pglite.js";
export { defaultPgliteDir } from "./paths.js";
export { createTestDatabase, type TestDatabase } from "./test-database.js";
export { readDbEnv, redactUrl, ConfigError, type DbEnv } from "./config.js";
export { EMBEDDING_MODELS, type EmbeddingModelName } from "./embedding-models.js";
export { seed, insertSeedRows, embedSeedRows, buildDataset, SEED, type SeedOptions, type SeedResult, type EmbedFn } from "./seed/index.js";
export { mlRuntimeEmbedder } from "./seed/ml-runtime-embedder.js";
