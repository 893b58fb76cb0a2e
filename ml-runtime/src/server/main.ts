import { ConfigError, configFromEnv, resolveConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { startMlRuntime } from "../runtime.js";

let config;
try {
  config = resolveConfig(configFromEnv(process.env));
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
try {
  const runtime = await startMlRuntime({ ...config, logger, readEnv: false });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    runtime.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, "close failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
} catch (err) {
  // Model-not-found errors list every path searched; print them plainly as well as in the log.
  process.stderr.write(`ml-runtime could not start: ${(err as Error).message}\n`);
  process.exit(1);
}
