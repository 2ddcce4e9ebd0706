// Starts a real Carnet server on 127.0.0.1 (port 0 unless a browser needs a known origin) for tests.
import net from "node:net";
import { loadConfig } from "../../server/config.ts";
import { createLogger } from "../../server/log.ts";
import type { Attach } from "../../server/attach.ts";
import { type RunningServer, startServer } from "../../server/server.ts";
import { storeEnv } from "./engine.ts";
import { tempDir } from "./tmp.ts";

/** The origin API tests send; the server is configured with it as PUBLIC_URL. */
export const TEST_ORIGIN = "http://carnet.test";

export type TestServer = RunningServer & { dataDir: string; origin: string };

/** A port free on 127.0.0.1 right now, for servers that must know their address before listening. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export type TestServerOptions = {
  env?: Record<string, string>;
  dataDir?: string;
  /** For browsers: PUBLIC_URL is the server's real address, so Origin checks pass as in production. */
  realOrigin?: boolean;
  /** With realOrigin: the port, chosen beforehand by a test whose other servers must know the address (an OpenID provider). */
  port?: number;
  attach?: Attach[];
};

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const port = options.realOrigin ? (options.port ?? (await freePort())) : 0;
  const origin = options.realOrigin ? `http://127.0.0.1:${port}` : TEST_ORIGIN;
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: dataDir,
    PUBLIC_URL: origin,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    SEED_DEMO: "never",
    // Tests play the reverse proxy: they name the client's address in X-Forwarded-For.
    TRUST_PROXY: "loopback",
    ...storeEnv(dataDir),
    ...options.env,
  });
  const log = createLogger({ level: config.logLevel, pretty: false });
  const running = options.attach ? await startServer(config, log, options.attach) : await startServer(config, log);
  return { ...running, dataDir, origin };
}
