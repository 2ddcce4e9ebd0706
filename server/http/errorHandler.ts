// Maps every error to {"error":{"code","message"}} (or a French error page) — never a stack trace.
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError } from "../errors.ts";

type BodyParserError = Error & { type?: string; status?: number };

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const e = error as BodyParserError;
  if (e?.type === "entity.parse.failed") return new AppError(400, "invalid_json", "Le corps de la requête n'est pas du JSON valide.");
  if (e?.type === "entity.too.large") return new AppError(413, "payload_too_large", "Le corps de la requête est trop volumineux.");
  if (e?.type === "encoding.unsupported" || e?.type === "charset.unsupported")
    return new AppError(415, "unsupported_encoding", "Encodage du corps non pris en charge.");
  if (e?.status && e.status >= 400 && e.status < 500) return new AppError(e.status, "bad_request", "Requête invalide.");
  return undefined;
}

const wantsHtml = (path: string) => !path.startsWith("/api/") && !path.startsWith("/collab/");

export function errorHandler(renderErrorPage: (status: number, message: string) => string): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toAppError(error);
    const status = known?.status ?? 500;
    const code = known?.code ?? "internal_error";
    const message = known?.message ?? "Une erreur interne est survenue. Elle a été enregistrée.";
    if (!known) req.log.error({ err: error }, "unhandled error");
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(known?.headers ?? {})) res.setHeader(name, value);
    if (wantsHtml(req.path) && req.accepts(["html", "json"]) === "html") {
      res.status(status).type("html").send(renderErrorPage(status, message));
      return;
    }
    res.status(status).json({ error: { code, message, ...(known?.details ? { details: known.details } : {}) } });
  };
}

export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: "not_found", message: "Adresse d'API inconnue." } });
};
