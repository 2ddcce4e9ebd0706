// One test server and its cast per describe block: started before the block's tests, closed after them.
import { after, before } from "node:test";
import { buildCast, type Cast } from "./factories.ts";
import { startTestServer, type TestServer, type TestServerOptions } from "./server.ts";

/** Registers the hooks in the calling describe block; `ready` receives the server and cast before any test runs. */
export function useCastServer(ready: (server: TestServer, cast: Cast) => void, options: TestServerOptions = {}): void {
  let server: TestServer | undefined;
  before(async () => {
    server = await startTestServer(options);
    ready(server, await buildCast(server.ctx));
  });
  after(async () => {
    await server?.close();
  });
}
