// Builds the pino logger: JSON in production, readable lines in development.
import { type DestinationStream, pino, type Logger } from "pino";

export type { Logger };

/** `destination`: where JSON lines go instead of stdout (tests read what would be logged). */
export function createLogger(options: { level: string; pretty: boolean; destination?: DestinationStream }): Logger {
  const settings = {
    level: options.level,
    // Set-Cookie carries a new session token: pino-http logs the response headers too.
    redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "password", "*.password"],
    ...(options.pretty
      ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss" } } }
      : {}),
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** Addresses whose next segment is the secret token of an e-mailed link (the API's and the pages'). */
const LINK_TOKEN = /^(\/(?:api\/invitations|api\/password-resets|atelier\/invitation|atelier\/mot-de-passe|abonnement\/confirmer|abonnement\/desabonner)\/)[^/?#]+/;

/** A request address fit for the logs: a link's token is replaced, since whoever reads logs could use it. */
export const logSafeUrl = (url: string): string => url.replace(LINK_TOKEN, "$1[token]");

/** pino-http serializers: the request as pino logs it, with logSafeUrl applied. */
export const httpLogSerializers = {
  req: (req: { url?: string }) => {
    if (typeof req.url === "string") req.url = logSafeUrl(req.url);
    return req;
  },
};
