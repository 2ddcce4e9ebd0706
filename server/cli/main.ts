// `npm run carnet -- <command> [options]`: administers the same store as the server (DATA_DIR or MONGODB_URL).
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.ts";
import { createContext } from "../context.ts";
import { AppError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { StoreLockedError } from "../store/lock.ts";
import { SchemaTooNewError } from "../store/migrations.ts";
import { openStore } from "../store/open.ts";
import { commands, type Options } from "./commands.ts";

function help(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}\n  ${" ".repeat(14)} ${c.usage}`);
  return `Usage : carnet <commande> [options] [--json]\n\nCommandes :\n${lines.join("\n")}\n`;
}

const STRING_OPTIONS = ["email", "name", "password", "territory", "kind", "title", "slug", "tagline", "status", "start", "end", "programme", "role",
  "out", "in", "file"];
const OPTIONS: NonNullable<Parameters<typeof parseArgs>[0]>["options"] = {
  ...Object.fromEntries(STRING_OPTIONS.map((o) => [o, { type: "string" as const }])),
  admin: { type: "boolean" },
  json: { type: "boolean" },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Commande inconnue : ${name}\n\n${help()}`);
    return 2;
  }
  let values: Options;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      options: OPTIONS,
    }) as { values: Options });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nUsage : carnet ${name} ${command.usage}\n`);
    return 2;
  }
  const json = values.json === true;
  const config = loadConfig();
  const log = createLogger({ level: "warn", pretty: false });
  const store = await openStore({ dataDir: config.dataDir, mongodbUrl: config.mongodbUrl });
  try {
    const result = await command.run(createContext(config, store, log), values);
    process.stdout.write(json ? `${JSON.stringify(result.json)}\n` : `${result.text}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(
      json ? `${JSON.stringify({ error: { code: error.code, message: error.message } })}\n` : `Erreur : ${error.message}\n`,
    );
    return 1;
  } finally {
    await store.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError || error instanceof StoreLockedError || error instanceof SchemaTooNewError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else throw error;
}
