import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

export function createLogger(level = "info", destination?: DestinationStream): Logger {
  return pino({ name: "ml-runtime", level, base: { service: "ml-runtime" } }, destination);
}
