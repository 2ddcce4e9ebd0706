// Serves the built workspace (client/dist) under /atelier/, with index.html (named after the instance) for every workspace address.
import fs from "node:fs";
import path from "node:path";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import { html } from "../pages/html.ts";

/** The built page, told the lab's name (INSTANCE_NAME) for its header and titles. */
async function namedIndex(index: string, instanceName: string): Promise<string> {
  const page = await fs.promises.readFile(index, "utf8");
  return page.replace("</head>", `${html`<meta name="carnet-instance" content="${instanceName}">`.value}\n</head>`);
}

export function atelier(root: string, instanceName: string): express.Router {
  const dist = path.join(root, "client/dist");
  const index = path.join(dist, "index.html");
  const router = express.Router();
  // File names carry a content hash: a new build gets new names, so browsers may keep these forever.
  // The build wrote .br and .gz copies (client/build/precompress.ts): sent as they are, never compressed per request.
  router.use(
    "/atelier/assets",
    expressStaticGzip(path.join(dist, "assets"), {
      enableBrotli: true,
      orderPreference: ["br", "gz"],
      index: false,
      serveStatic: { immutable: true, maxAge: "365d", index: false },
    }),
  );
  // The offline worker keeps its address across builds, so browsers must ask for it each time.
  router.get("/atelier/sw.js", (_req, res) => {
    res.sendFile(path.join(dist, "sw.js"), { headers: { "Cache-Control": "no-cache", "Service-Worker-Allowed": "/atelier/" } }, (error) => {
      if (error && !res.headersSent) res.sendStatus(404);
    });
  });
  router.get("/atelier", (req, res, next) => {
    // Routing ignores a trailing slash: only the bare address is redirected.
    if (req.path !== "/atelier") return next();
    const query = req.originalUrl.slice(req.path.length);
    res.redirect(301, `/atelier/${query}`);
  });
  router.get("/atelier/{*rest}", async (req, res, next) => {
    if (!req.accepts("html") || req.path.startsWith("/atelier/assets/")) return next();
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type("text/plain; charset=utf-8")
        .send("L'atelier n'est pas encore construit : lancez « npm run build » (ou « npm start », qui le construit).");
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(await namedIndex(index, instanceName));
  });
  return router;
}
