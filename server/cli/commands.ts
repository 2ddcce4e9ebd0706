// The admin CLI's commands: each validates its options with the API's schemas and calls the same services.
import path from "node:path";
import type { Context } from "../context.ts";
import type { Programme, Role, Territory, User } from "../domain/types.ts";
import { ROLES } from "../domain/types.ts";
import { badRequest, notFound } from "../errors.ts";
import { parse } from "../http/validate.ts";
import { createProgrammeBody } from "../api/programmes/schema.ts";
import { createTerritoryBody } from "../api/territories/schema.ts";
import { createUserBody } from "../api/users/schema.ts";
import { archiveCommands } from "./archiveCommands.ts";
import { importWordpressCommand } from "./importWordpress.ts";
import { migrateMediaFolder } from "../api/media/migrate.ts";

export type Options = Record<string, string | boolean | undefined>;
export type CommandResult = { text: string; json: unknown };

type Command = {
  summary: string;
  usage: string;
  run(ctx: Context, options: Options): Promise<CommandResult>;
};

const str = (options: Options, name: string): string | undefined => {
  const v = options[name];
  return typeof v === "string" ? v : undefined;
};

async function findTerritory(ctx: Context, ref: string): Promise<Territory> {
  const territory = (await ctx.repos.territories.byName(ref)) ?? (await ctx.repos.territories.byId(ref));
  if (!territory) throw notFound(`Territoire « ${ref} »`);
  return territory;
}

async function findProgramme(ctx: Context, ref: string): Promise<Programme> {
  const programme = (await ctx.repos.programmes.bySlug(ref)) ?? (await ctx.repos.programmes.byId(ref));
  if (!programme) throw notFound(`Programme « ${ref} »`);
  return programme;
}

async function findUser(ctx: Context, email: string): Promise<User> {
  const user = await ctx.repos.users.byEmail(email);
  if (!user) throw notFound(`Compte « ${email} »`);
  return user;
}

export const commands: Record<string, Command> = {
  "user:add": {
    summary: "crée un compte (--admin pour un administrateur)",
    usage: "--email E --name NOM [--password MDP] [--admin] [--territory NOM]",
    async run(ctx, o) {
      const territoryRef = str(o, "territory");
      const affiliation = territoryRef
        ? { kind: "territory" as const, territoryId: (await findTerritory(ctx, territoryRef))._id }
        : { kind: "lab" as const };
      const body = parse(createUserBody, {
        email: str(o, "email"),
        name: str(o, "name"),
        password: str(o, "password"),
        affiliation,
        isAdmin: o.admin === true,
      });
      const user = await ctx.services.accounts.createUser(body);
      if (body.password === undefined) await ctx.services.passwordResets.welcome(user);
      const how = body.password === undefined ? " ; un lien pour choisir le mot de passe lui a été envoyé" : "";
      return {
        text: `Compte créé : ${user.name} <${user.email}>${user.isAdmin ? " (administrateur)" : ""}${how}.`,
        json: { user: { id: user._id, email: user.email, name: user.name, isAdmin: user.isAdmin } },
      };
    },
  },
  "territory:add": {
    summary: "crée un territoire partenaire",
    usage: "--name NOM --kind commune|intercommunalite|departement|region|etablissement_public|association|autre",
    async run(ctx, o) {
      const territory = await ctx.services.programmes.createTerritory(
        parse(createTerritoryBody, { name: str(o, "name"), kind: str(o, "kind") }),
      );
      return {
        text: `Territoire créé : ${territory.name} (${territory.kind}).`,
        json: { territory: { id: territory._id, name: territory.name, kind: territory.kind } },
      };
    },
  },
  "programme:add": {
    summary: "crée un programme",
    usage: "--title TITRE [--slug ADRESSE] [--tagline ACCROCHE] [--status preparing|running|finished] [--start AAAA-MM] [--end AAAA-MM]",
    async run(ctx, o) {
      const start = str(o, "start");
      const body = parse(createProgrammeBody, {
        title: str(o, "title"),
        slug: str(o, "slug"),
        tagline: str(o, "tagline"),
        status: str(o, "status"),
        period: start ? { start, end: str(o, "end") ?? null } : undefined,
      });
      const programme = await ctx.services.programmes.createProgramme(body);
      return {
        text: `Programme créé : ${programme.title} (/carnets/${programme.slug}).`,
        json: { programme: { id: programme._id, slug: programme.slug, title: programme.title } },
      };
    },
  },
  "member:add": {
    summary: "donne un rôle dans un programme à un compte",
    usage: "--email E --programme ADRESSE --role lead|editor|partner",
    async run(ctx, o) {
      const role = str(o, "role");
      if (!role || !(ROLES as readonly string[]).includes(role))
        throw badRequest("invalid_input", "role : attendu lead, editor ou partner");
      const user = await findUser(ctx, str(o, "email") ?? "");
      const programme = await findProgramme(ctx, str(o, "programme") ?? "");
      await ctx.services.programmes.grantRole(user._id, programme._id, role as Role);
      return {
        text: `${user.name} est désormais ${role} de « ${programme.title} ».`,
        json: { membership: { userId: user._id, programmeId: programme._id, role } },
      };
    },
  },
  ...archiveCommands,
  "import:wordpress": importWordpressCommand,
  "media:migrate": {
    summary: "copie les images de DATA_DIR/media dans la base (avant de passer à MONGODB_URL ; rejouable)",
    usage: "(avec MONGODB_URL et le DATA_DIR de l'ancienne installation)",
    async run(ctx) {
      if (!ctx.store.bucket) throw badRequest("invalid_input", "media:migrate copie vers la base : définissez MONGODB_URL");
      const dir = path.join(ctx.config.dataDir, "media");
      const done = await migrateMediaFolder(dir, ctx.store.bucket("media"));
      return {
        text: `Images de ${dir} : ${done.copied.length} copiée(s), ${done.present.length} déjà en base, ${done.ignored.length} ignorée(s).`,
        json: done,
      };
    },
  },
};
