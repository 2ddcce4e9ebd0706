// The WordPress fixture for import tests: its images served from 127.0.0.1, and the file pointed at that server.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import sharp from "sharp";
import { tempDir } from "./tmp.ts";

export const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/wordpress/export.xml");

/** The one image the fixture's server has (the attachment's original); every other path answers 404. */
export const SERVED_IMAGE = "/wp-content/uploads/2021/03/terrain.png";

export type ImageServer = { origin: string; requests: string[]; close(): Promise<void> };

export async function startImageServer(): Promise<ImageServer> {
  const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 40, g: 120, b: 90 } } }).png().toBuffer();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    if (req.url === SERVED_IMAGE) res.writeHead(200, { "content-type": "image/png" }).end(png);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The fixture's text with its site at `origin`, written to a temporary file whose path is returned. */
export function fixtureAt(origin: string, transform: (xml: string) => string = (x) => x): string {
  const file = path.join(tempDir(), "export.xml");
  fs.writeFileSync(file, transform(fs.readFileSync(FIXTURE, "utf8").replaceAll("http://images.test", origin)));
  return file;
}
