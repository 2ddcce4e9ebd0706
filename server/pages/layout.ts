// The page shell shared by every public page: head, skip link, header, main landmark, footer; and error pages.
import { type Lang, t } from "../../i18n/index.ts";
import { html, type SafeHtml } from "./html.ts";

export type PageMeta = {
  title: string;
  description?: string;
  canonical?: string;
  /** Extra tags for <head> (feeds, OpenGraph, JSON-LD), already escaped. */
  head?: SafeHtml;
  lang?: Lang;
};

export function layout(meta: PageMeta, body: SafeHtml, instanceName = "Carnet"): string {
  const lang = meta.lang ?? "fr";
  return (
    "<!doctype html>\n" +
    html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title}</title>
${meta.description ? html`<meta name="description" content="${meta.description}">\n` : ""}${
      meta.canonical ? html`<link rel="canonical" href="${meta.canonical}">\n` : ""
    }<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${meta.head ?? ""}</head>
<body>
<a class="skip" href="#contenu">${t(lang, "site.skip")}</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="/">${instanceName}</a>
<nav aria-label="${t(lang, "public.nav.label")}"><ul>
<li><a href="/">${t(lang, "site.nav.home")}</a></li>
<li><a href="/atelier/">${t(lang, "site.nav.workspace")}</a></li>
</ul></nav>
<form class="site-search" role="search" aria-label="${t(lang, "public.search.quick")}" action="/recherche" method="get">
<label for="site-q">${t(lang, "public.search.label")}</label>
<input id="site-q" name="q" type="search" maxlength="200">
<button type="submit">${t(lang, "public.search.submit")}</button>
</form>
</div></header>
<main id="contenu" tabindex="-1"><div class="wrap">
${body}
</div></main>
<footer class="site-footer"><div class="wrap"><p>${t(lang, "site.footer")}</p></div></footer>
</body>
</html>
`.value
  );
}

export function errorPage(status: number, message: string, instanceName = "Carnet"): string {
  const notFound = status === 404;
  const title = notFound ? t("fr", "error.404.title") : status >= 500 ? t("fr", "error.500.title") : t("fr", "error.title");
  const text = notFound ? t("fr", "error.404.text") : message || t("fr", "error.500.text");
  return layout(
    { title: `${title} — ${instanceName}` },
    html`<section class="error-page" aria-labelledby="erreur-titre">
<h1 id="erreur-titre">${title}</h1>
<p>${text}</p>
<p><a href="/">${t("fr", "error.back")}</a></p>
</section>`,
    instanceName,
  );
}
