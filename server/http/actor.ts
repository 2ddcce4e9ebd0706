// Resolves the session cookie of each request into req.actor (anonymous when there is none).
import type { RequestHandler } from "express";
import type { Actor } from "../domain/policy.ts";
import type { User } from "../domain/types.ts";
import type { SessionService } from "../services/sessions.ts";
import { readSessionToken } from "./cookies.ts";

declare global {
  namespace Express {
    interface Request {
      actor: Actor;
      user: User | null;
      sessionId: string | null;
      sessionToken: string | undefined;
    }
  }
}

export function loadActor(sessions: SessionService, cookieName: string): RequestHandler {
  return async (req, _res, next) => {
    const token = readSessionToken(req.headers.cookie, cookieName);
    const resolved = await sessions.resolve(token);
    req.actor = resolved.actor;
    req.user = resolved.user;
    req.sessionId = resolved.sessionId;
    req.sessionToken = resolved.sessionId ? token : undefined;
    next();
  };
}
