// Who signs a comment: the user's name and territory badge as they are when posting (comments and review threads).
import { territoryLabel } from "../domain/comments.ts";
import { forbidden } from "../errors.ts";
import type { TerritoriesRepository } from "../repositories/territories.ts";
import type { UsersRepository } from "../repositories/users.ts";

export async function commentAuthor(
  deps: { users: UsersRepository; territories: TerritoriesRepository; labLabel: string },
  userId: string,
): Promise<{ authorId: string; authorName: string; authorTerritory: string | null }> {
  const user = await deps.users.byId(userId);
  if (!user) throw forbidden();
  const territory = user.affiliation.kind === "territory" ? await deps.territories.byId(user.affiliation.territoryId) : null;
  return { authorId: user._id, authorName: user.name, authorTerritory: territoryLabel(user.affiliation, territory?.name ?? null, deps.labLabel) };
}
