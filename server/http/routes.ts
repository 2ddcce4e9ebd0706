// Registers API routes and remembers each one, so the access matrix test can prove it covers them all.
import type { RequestHandler, Router } from "express";

export type Method = "get" | "post" | "put" | "patch" | "delete";
export type RouteEntry = { method: Method; path: string };

/** Every API route registered in this process, as "METHOD /path". */
export const registeredRoutes: RouteEntry[] = [];

export function apiRoutes(router: Router) {
  const add =
    (method: Method) =>
    (path: string, ...handlers: RequestHandler[]) => {
      if (!registeredRoutes.some((r) => r.method === method && r.path === path))
        registeredRoutes.push({ method, path });
      router[method](path, ...handlers);
    };
  return { get: add("get"), post: add("post"), put: add("put"), patch: add("patch"), delete: add("delete") };
}
export type ApiRoutes = ReturnType<typeof apiRoutes>;
