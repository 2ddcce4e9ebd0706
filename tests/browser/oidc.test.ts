// Sign-in through a ProConnect-like provider in Chromium: invited partner, stranger, sign-out both ways, and every hostile answer refused.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildInvitationLink } from "../helpers/accounts.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { buildProgramme, buildTerritory, buildUser } from "../helpers/factories.ts";
import { type Forgery, startOidcProvider, type TestProvider } from "../helpers/oidcProvider.ts";
import { freePort, startTestServer, type TestServer } from "../helpers/server.ts";
import { assertNoViolations, ensureClientBuilt, signedInContext } from "./workspace.ts";

let server: TestServer;
let op: TestProvider;
let browser: Browser;
let agents = 0;

/** A new agent known to the provider (and, unless told otherwise, to no one at Carnet). */
function agent(email: string, siret = "21690123100011"): string {
  const login = `agent-${++agents}`;
  op.agents.set(login, { email, given_name: "Camille", usual_name: `Agent ${agents}`, siret });
  return login;
}

/** From Carnet's sign-in page through the provider's login form, until the browser is back at Carnet. */
async function signInVia(page: Page, login: string, button = "Se connecter avec ProConnect"): Promise<void> {
  await page.goto(`${server.origin}/atelier/connexion`);
  await page.getByRole("link", { name: button }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("mot de passe chez le fournisseur");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.origin === server.origin, { timeout: 10_000 });
}

async function meStatus(page: Page): Promise<number> {
  return await page.evaluate(async () => (await fetch("/api/me", { headers: { accept: "application/json" } })).status);
}

async function sessionCookies(context: BrowserContext): Promise<string[]> {
  return (await context.cookies(server.origin)).filter((c) => c.name.includes("carnet_session")).map((c) => c.value);
}

/** The French refusal page, and no session at all. */
async function assertRefused(page: Page, context: BrowserContext, sentence: string): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "Connexion impossible" }).waitFor({ timeout: 10_000 });
  assert.match((await page.getByRole("alert").textContent()) ?? "", new RegExp(sentence));
  assert.deepEqual(await sessionCookies(context), []);
  assert.equal(await meStatus(page), 401);
}

async function withContext(run: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale: "fr-FR" });
  try {
    await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** A sign-in of an existing account while the provider answers with `forgery`: the refusal page, never a session. */
async function refusedWith(login: string, forgery: Forgery, sentence: string): Promise<void> {
  op.forge(forgery);
  try {
    await withContext(async (page, context) => {
      await signInVia(page, login);
      await assertRefused(page, context, sentence);
    });
  } finally {
    op.forge(null);
  }
}

describe("sign-in through an OpenID provider (ProConnect-like)", { timeout: 180_000 }, () => {
  before(async () => {
    ensureClientBuilt();
    const port = await freePort();
    op = await startOidcProvider(`http://127.0.0.1:${port}`);
    // A second provider that does not answer at all.
    const down = { id: "panne", issuer: `http://127.0.0.1:${await freePort()}`, clientId: "x", clientSecret: "y", name: "Se connecter avec Panne" };
    server = await startTestServer({ realOrigin: true, port, env: op.envFor([down]) });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await op?.close();
  });

  test("an invited partner signs in and lands in the programme with the invitation's role and territory", async () => {
    const ctx = server.ctx;
    const territory = await buildTerritory(ctx, { name: "Ville de Villeurbanne", kind: "commune" });
    const programme = await buildProgramme(ctx, { title: "Cours d'école oasis", territoryIds: [territory._id] });
    await buildInvitationLink(ctx, { programmeId: programme._id, email: "invitee@villeurbanne.example", role: "partner", territoryId: territory._id });
    const login = agent("Invitee@Villeurbanne.example", "21690266800013");
    await withContext(async (page) => {
      await signInVia(page, login);
      await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor({ timeout: 10_000 });
      await page.getByRole("link", { name: "Cours d'école oasis" }).waitFor();
      await assertNoViolations(page, "tableau de bord après ProConnect");
    });
    const user = await ctx.repos.users.byEmail("invitee@villeurbanne.example");
    assert.ok(user);
    assert.deepEqual(user.affiliation, { kind: "territory", territoryId: territory._id });
    assert.deepEqual(user.oidcSubjects, [`proconnect ${login}`]);
    assert.equal(user.siret, "21690266800013");
    assert.equal(user.name, `Camille Agent ${agents}`);
    assert.equal(user.passwordHash, null);
    const memberships = await ctx.repos.memberships.forUser(user._id);
    assert.deepEqual(memberships.map((m) => [m.programmeId, m.role]), [[programme._id, "partner"]]);
  });

  test("a person with neither account nor invitation is refused in French, with no session", async () => {
    await withContext(async (page, context) => {
      await signInVia(page, agent("inconnu@ailleurs.example"));
      await assertRefused(page, context, "Demandez une invitation");
      assert.equal(await server.ctx.repos.users.byEmail("inconnu@ailleurs.example"), null);
    });
  });

  test("the sign-in page shows the providers' buttons and passes axe", async () => {
    await withContext(async (page) => {
      await page.goto(`${server.origin}/atelier/connexion`);
      await page.getByRole("link", { name: "Se connecter avec ProConnect" }).waitFor({ timeout: 10_000 });
      await page.getByRole("link", { name: "Se connecter avec Panne" }).waitFor();
      await page.getByLabel("Mot de passe").waitFor();
      await assertNoViolations(page, "connexion");
    });
  });

  test("signing out ends the Carnet session and the provider's", async () => {
    await buildUser(server.ctx, { email: "sortie@lyon.example" });
    const login = agent("sortie@lyon.example");
    await withContext(async (page, context) => {
      await signInVia(page, login);
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      // The provider asks for confirmation of its own sign-out, then sends the browser back to Carnet.
      await page.getByRole("button", { name: "Yes, sign me out" }).click({ timeout: 10_000 });
      await page.waitForURL((url) => url.origin === server.origin && url.pathname === "/atelier/connexion", { timeout: 10_000 });
      assert.deepEqual(await sessionCookies(context), []);
      assert.equal(await meStatus(page), 401);
      // The provider forgot the agent too: signing in again asks for the login.
      await page.getByRole("link", { name: "Se connecter avec ProConnect" }).click();
      await page.locator('input[name="login"]').waitFor({ timeout: 10_000 });
    });
  });

  test("the admin maps a SIRET to a territory in the territories screen, and the agent signing in joins it", async () => {
    const ctx = server.ctx;
    const admin = await buildUser(ctx, { name: "Ada Admin", isAdmin: true });
    const territory = await buildTerritory(ctx, { name: "Département du Rhône", kind: "departement" });
    const context = await signedInContext(browser, server, admin._id);
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/atelier/admin`);
      await page.getByRole("button", { name: "SIRET (0) Département du Rhône" }).click({ timeout: 10_000 });
      const dialog = page.getByRole("dialog", { name: "SIRET de ses agents (un par ligne)" });
      await dialog.getByLabel("SIRET de ses agents (un par ligne) — Département du Rhône").fill("226 900 017 00015");
      await assertNoViolations(page, "SIRET d'un territoire");
      await dialog.getByRole("button", { name: "Enregistrer les SIRET" }).click();
      await page.getByRole("status").getByText("SIRET du territoire « Département du Rhône » enregistrés.").waitFor({ timeout: 5_000 });
      await page.getByRole("button", { name: "SIRET (1) Département du Rhône" }).waitFor();
    } finally {
      await context.close();
    }
    assert.deepEqual((await ctx.repos.territories.byId(territory._id))?.sirets, ["22690001700015"]);
    const account = await buildUser(ctx, { email: "agent@rhone.example" });
    await withContext(async (page) => {
      await signInVia(page, agent("agent@rhone.example", "22690001700015"));
      await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor({ timeout: 10_000 });
    });
    assert.deepEqual((await ctx.repos.users.byId(account._id))?.affiliation, { kind: "territory", territoryId: territory._id });
  });

  test("a disabled account cannot sign in through the provider", async () => {
    await buildUser(server.ctx, { email: "desactive@lyon.example", active: false });
    await withContext(async (page, context) => {
      await signInVia(page, agent("desactive@lyon.example"));
      await assertRefused(page, context, "Ce compte est désactivé");
    });
  });

  describe("hostile answers", () => {
    const seconds = () => Math.floor(Date.now() / 1000);
    const forged: [string, Forgery][] = [
      ["an expired ID token", { claims: (c) => ({ ...c, iat: seconds() - 7200, exp: seconds() - 3600 }) }],
      ["an unsigned ID token", { unsigned: true }],
      ["an ID token for another client", { claims: (c) => ({ ...c, aud: "un-autre-client" }) }],
      ["an ID token signed for another nonce", { claims: (c) => ({ ...c, nonce: "nonce-d-une-autre-tentative" }) }],
    ];
    for (const [what, forgery] of forged) {
      test(`${what} is refused`, async () => {
        await buildUser(server.ctx, { email: `${agents + 1}@victime.example` });
        await refusedWith(agent(`${agents + 1}@victime.example`), forgery, "n'a pas pu être vérifiée");
      });
    }

    test("a wrong state is refused", async () => {
      await buildUser(server.ctx, { email: "etat@victime.example" });
      await refusedWith(agent("etat@victime.example"), { callback: (p) => p.set("state", "etat-fabrique") }, "n'a pas pu être vérifiée");
    });

    test("a nonce changed on the way to the provider is refused", async () => {
      await buildUser(server.ctx, { email: "nonce@victime.example" });
      await refusedWith(agent("nonce@victime.example"), { nonce: "nonce-choisi-par-l-attaquant" }, "n'a pas pu être vérifiée");
    });

    test("a replayed code is refused, whether the callback is replayed or the code grafted onto a new attempt", async () => {
      await buildUser(server.ctx, { email: "rejeu@victime.example" });
      const login = agent("rejeu@victime.example");
      const callbacks: string[] = [];
      await withContext(async (page, context) => {
        page.on("request", (r) => {
          if (r.url().startsWith(`${server.origin}/auth/oidc/proconnect/callback?`)) callbacks.push(r.url());
        });
        await signInVia(page, login);
        await page.getByRole("heading", { level: 1, name: "Tableau de bord" }).waitFor({ timeout: 10_000 });
        await context.clearCookies();
        // The same callback address again: its attempt is spent.
        await page.goto(callbacks[0]!);
        await assertRefused(page, context, "a expiré ou a déjà servi");
      });
      // The spent code on a fresh attempt: the provider refuses it.
      const code = new URL(callbacks[0]!).searchParams.get("code")!;
      await refusedWith(login, { callback: (p) => p.set("code", code) }, "n'a pas pu être vérifiée");
    });

    test("a provider that does not answer gives a clear page", async () => {
      await withContext(async (page, context) => {
        await page.goto(`${server.origin}/atelier/connexion`);
        await page.getByRole("link", { name: "Se connecter avec Panne" }).click();
        await assertRefused(page, context, "ne répond pas");
      });
    });
  });
});
