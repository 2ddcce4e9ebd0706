// One test server with the access-matrix cast for a describe block: started before its tests, closed after.
import { after, before } from "node:test";
import { buildCast, type Cast } from "../helpers/factories.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

export function castServer(): { readonly server: TestServer; readonly cast: Cast } {
  let server: TestServer | undefined;
  let cast: Cast | undefined;
  before(async () => {
    server = await startTestServer();
    cast = await buildCast(server.ctx);
  });
  after(async () => {
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error("server not started yet");
      return server;
    },
    get cast() {
      if (!cast) throw new Error("cast not built yet");
      return cast;
    },
  };
}
