import { pino, type Logger } from "pino";

export type { Logger };

/** JSON logs; `service` names the process's service (children of a shared logger set their own). */
export function createLogger(service: string | undefined, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: service ? { service } : {} });
}
