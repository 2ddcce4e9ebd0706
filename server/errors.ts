// Typed application errors with stable codes; the HTTP error handler maps them to responses.
export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetails) =>
  new AppError(400, code, message, details);
export const unauthorized = (message = "Connexion requise.") => new AppError(401, "unauthorized", message);
export const forbidden = (message = "Vous n'avez pas le droit de faire cela.") =>
  new AppError(403, "forbidden", message);
export const notFound = (what = "Ressource") => new AppError(404, "not_found", `${what} introuvable.`);
export const conflict = (code: string, message: string, details?: ErrorDetails) =>
  new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details?: ErrorDetails) =>
  new AppError(422, code, message, details);
export const tooMany = (retryAfterSeconds: number, message = "Trop de tentatives, réessayez plus tard.") =>
  new AppError(429, "too_many_requests", message, { retryAfter: retryAfterSeconds }, {
    "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

/** Raised by a store engine when a unique index refuses a write. */
export class DuplicateKeyError extends AppError {
  constructor(readonly index: string) {
    super(409, "duplicate", "Cette valeur est déjà utilisée.", { index });
  }
}
