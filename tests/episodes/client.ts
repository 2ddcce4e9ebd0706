// A small supertest client for the episodes tests: one cookie per call, the right Origin.
import request from "supertest";
import { TEST_ORIGIN, type TestServer } from "../helpers/server.ts";

export function api(server: TestServer) {
  const call = (method: "get" | "post" | "patch" | "delete", path: string, cookie?: string, body?: unknown) => {
    let req = request(server.url)[method](`/api${path}`).set("Origin", TEST_ORIGIN);
    if (cookie) req = req.set("Cookie", cookie);
    return body === undefined ? req : req.send(body as object);
  };
  return {
    get: (path: string, cookie?: string) => call("get", path, cookie),
    post: (path: string, cookie?: string, body?: unknown) => call("post", path, cookie, body),
    patch: (path: string, cookie?: string, body?: unknown) => call("patch", path, cookie, body),
    delete: (path: string, cookie?: string) => call("delete", path, cookie),
  };
}
