// Publishing render: golden HTML for every supported node, French typography, and hostile content.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { $createHorizontalRuleNode, $createImageNode } from "../../collab/schema/nodes.ts";
import { $createLineBreakNode } from "lexical";
import * as Y from "yjs";
import { renderBody, sanitizeBodyHtml } from "../../server/services/render.ts";
import { MAX_DEPTH } from "../../collab/schema/sanitize.ts";
import { $h, $link, $list, $p, $quote, $text, embedAt, stateOf, tamperedStateOf } from "./bodies.ts";

const render = (fill: Parameters<typeof stateOf>[0]) => renderBody(stateOf(fill)).html;

describe("render: golden HTML", () => {
  it("renders headings, paragraphs and inline formats", () => {
    const html = render(() => [
      $h("h2", "Le terrain"),
      $h("h3", "Premiers pas"),
      $h("h4", "Détail"),
      $p(
        $text("gras", "bold"),
        " ",
        $text("italique", "italic"),
        " ",
        $text("souligné", "underline"),
        " ",
        $text("barré", "strikethrough"),
        " ",
        $text("code", "code"),
      ),
    ]);
    assert.equal(
      html,
      "<h2>Le terrain</h2><h3>Premiers pas</h3><h4>Détail</h4>" +
        "<p><strong>gras</strong> <em>italique</em> <u>souligné</u> <s>barré</s> <code>code</code></p>",
    );
  });

  it("renders lists, quotes, links, rules, images and line breaks", () => {
    const html = render(() => [
      $list("bullet", "un", "deux"),
      $list("number", "premier"),
      $quote("Une citation."),
      $p("Voir ", $link("https://example.org/rapport?x=1&y=2", "le rapport"), $createLineBreakNode(), "suite"),
      $createHorizontalRuleNode(),
      $createImageNode({ src: "/media/photo.jpg", alt: "Atelier à Clermont", width: 800, height: 600 }),
      $createImageNode({ src: "https://images.example.org/a.png", alt: "" }),
    ]);
    assert.equal(
      html,
      "<ul><li>un</li><li>deux</li></ul><ol><li>premier</li></ol><blockquote>Une citation.</blockquote>" +
        '<p>Voir <a href="https://example.org/rapport?x=1&amp;y=2" rel="noopener noreferrer nofollow">le rapport</a><br />suite</p>' +
        '<hr /><img src="/media/photo.jpg" alt="Atelier à Clermont" width="800" height="600" />' +
        '<img src="https://images.example.org/a.png" alt="" />',
    );
  });

  it("keeps French non-breaking spaces as typed", () => {
    const html = render(() => [$p("Que voudrait-on tester\u00a0? Tout\u202f! Note\u00a0: « oui »")]);
    assert.equal(html, "<p>Que voudrait-on tester\u00a0? Tout\u202f! Note\u00a0: « oui »</p>");
  });

  it("renders a new body as one empty paragraph and returns the Lexical JSON", () => {
    const body = renderBody(stateOf(() => [$p()]));
    assert.equal(body.html, "<p><br /></p>");
    assert.equal(body.json.root.children[0]?.type, "paragraph");
  });

  it("never leaves style or class attributes", () => {
    const html = render(() => [$p($text("a", "bold"), $text("b", "italic"))]);
    assert.doesNotMatch(html, /style=|class=|<span|<b>|<i>/);
  });
});

describe("render: hostile content", () => {
  it("drops javascript:, data: and malformed link targets but keeps their text", () => {
    const html = render(() => [
      $p($link("javascript:alert(1)", "un")),
      $p($link("JaVaScRiPt:alert(1)", "deux")),
      $p($link("data:text/html;base64,PHNjcmlwdD4=", "trois")),
      $p($link("http://[::1", "quatre")),
      $p($link("mailto:equipe@example.org", "écrire")),
    ]);
    assert.equal(
      html,
      "<p>un</p><p>deux</p><p>trois</p><p>quatre</p>" +
        '<p><a href="mailto:equipe@example.org" rel="noopener noreferrer nofollow">écrire</a></p>',
    );
  });

  it("escapes markup typed as text", () => {
    const html = render(() => [$p('<script>alert("x")</script><img src=x onerror=alert(1)>')]);
    assert.equal(html, "<p>&lt;script&gt;alert(\"x\")&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>");
  });

  it("refuses images from elsewhere than https or our /media/", () => {
    const html = render(() => [
      $createImageNode({ src: "data:image/svg+xml;base64,PHN2Zz4=", alt: "a" }),
      $createImageNode({ src: "javascript:alert(1)", alt: "b" }),
      $createImageNode({ src: "http://example.org/x.png", alt: "c" }),
      $createImageNode({ src: "/media/../secret", alt: "d" }),
      $createImageNode({ src: "//evil.example/x.png", alt: "e" }),
    ]);
    assert.equal(html, "");
  });

  it("drops node types the registry does not know, keeping the rest", () => {
    const state = stateOf(() => [$p("avant"), $p("après")]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const root = doc.get("root", Y.XmlText);
    const alien = new Y.XmlText();
    alien.setAttribute("__type", "script");
    root.insertEmbed(1, alien);
    alien.insert(0, "alert(1)");
    const body = renderBody(Y.encodeStateAsUpdate(doc));
    assert.equal(body.html, "<p>avant</p><p>après</p>");
  });

  it("drops a link target or an image source that is not a string (raw Yjs client)", () => {
    const state = tamperedStateOf(
      () => [$p($link("https://example.org", "lien")), $createImageNode({ src: "/media/a.jpg", alt: "a" })],
      (root) => {
        embedAt<Y.XmlText>(embedAt<Y.XmlText>(root, 0), 0).setAttribute("__url", 42 as never);
        embedAt<Y.XmlElement>(root, 1).setAttribute("__src", { src: "/media/a.jpg" } as never);
      },
    );
    const body = renderBody(state);
    assert.equal(body.html, "<p>lien</p>");
    assert.equal(JSON.stringify(body.json).includes("42"), false, "the stored JSON keeps no ill-typed property");
  });

  it("bounds nesting: of 5,000 nested lists and items, the first levels render, the rest is dropped", () => {
    const state = tamperedStateOf(
      () => [$p("avant")],
      (root) => {
        let parent = root;
        for (let i = 0; i < 5000; i++) {
          const element = new Y.XmlText();
          parent.insertEmbed(parent.length, element);
          element.setAttribute("__type", i % 2 ? "listitem" : "list");
          if (i % 2) {
            element.insertEmbed(0, new Y.Map([["__type", "text"]]));
            element.insert(1, "niveau");
          }
          parent = element;
        }
      },
    );
    const html = renderBody(state).html;
    assert.equal(html.split("<ol>").length - 1, MAX_DEPTH / 2);
    assert.equal(html.split("<li>").length - 1, MAX_DEPTH / 2);
  });

  it("drops misplaced nodes, orphan text and properties outside their choices", () => {
    const state = tamperedStateOf(
      () => [$h("h2", "titre"), $list("bullet", "un")],
      (root) => {
        root.insert(0, "orpheline");
        const text = new Y.Map<unknown>([["__type", "text"]]);
        root.insertEmbed(root.length, text);
        root.insert(root.length, "texte à la racine");
        root.insertEmbed(root.length, new Y.Map([["__type", "paragraph"]]));
        embedAt<Y.XmlText>(root, 0).setAttribute("__tag", "script");
        embedAt<Y.XmlText>(root, 1).setAttribute("__listType", "<img>");
        embedAt<Y.XmlText>(root, 1).setAttribute("__indent", Number.NaN as never);
      },
    );
    assert.equal(renderBody(state).html, "<h2>titre</h2><ul><li>un</li></ul>");
  });

  it("sanitises hand-made HTML too", () => {
    const dirty =
      '<p onclick="x()" style="color:red" class="c">a<iframe src="https://x"></iframe><script>b</script>' +
      '<a href="https://ok.example" onmouseover="x" target="_blank">c</a><object data="x"></object></p><h1>t</h1>';
    assert.equal(
      sanitizeBodyHtml(dirty),
      '<p>a<a href="https://ok.example" rel="noopener noreferrer nofollow">c</a></p><h2>t</h2>',
    );
  });
});
