// Registers API routes and HTML form targets and remembers each one, so the access matrix test can prove it covers them all.
import type { RequestHandler, Router } from "express";

export type Method = "get" | "post" | "put" | "patch" | "delete";
export type RouteEntry = { method: Method; path: string };

/** Every API route registered in this process, as "METHOD /path". */
export const registeredRoutes: RouteEntry[] = [];
/** Every HTML form target (a POST outside /api) registered in this process. */
export const registeredForms: RouteEntry[] = [];

const recorder =
  (router: Router, registry: RouteEntry[]) =>
  (method: Method) =>
  (path: string, ...handlers: RequestHandler[]) => {
    if (!registry.some((r) => r.method === method && r.path === path)) registry.push({ method, path });
    router[method](path, ...handlers);
  };

export function apiRoutes(router: Router) {
  const add = recorder(router, registeredRoutes);
  return { get: add("get"), post: add("post"), put: add("put"), patch: add("patch"), delete: add("delete") };
}
export type ApiRoutes = ReturnType<typeof apiRoutes>;

/** The POST targets of the public pages' forms (subscription, comments), outside /api. */
export const formRoutes = (router: Router) => ({ post: recorder(router, registeredForms)("post") });
