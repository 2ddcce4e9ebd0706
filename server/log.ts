// Builds the pino logger: JSON in production, readable lines in development.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: ["req.headers.cookie", "req.headers.authorization", "password", "*.password"],
    ...(options.pretty
      ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss" } } }
      : {}),
  });
}
