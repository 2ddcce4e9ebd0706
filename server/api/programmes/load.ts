// Finds a programme by id or slug (404 when there is none), for every route under /programmes/:programmeId.
import type { Context } from "../../context.ts";
import type { Actor } from "../../domain/policy.ts";
import type { Programme, Role } from "../../domain/types.ts";
import { notFound } from "../../errors.ts";
import { ID_PATTERN } from "../../store/ids.ts";

export async function loadProgramme(ctx: Context, ref: unknown): Promise<Programme> {
  if (typeof ref !== "string" || ref.length > 100) throw notFound("Programme");
  const programme = ID_PATTERN.test(ref)
    ? ((await ctx.repos.programmes.byId(ref)) ?? (await ctx.repos.programmes.bySlug(ref)))
    : await ctx.repos.programmes.bySlug(ref);
  if (!programme) throw notFound("Programme");
  return programme;
}

export const roleOf = (actor: Actor, programmeId: string): Role | null =>
  actor.kind === "user" ? (actor.roles.get(programmeId) ?? null) : null;
