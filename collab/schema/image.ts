// The image node of journal bodies: a plain Lexical node (no React) that exports <img src alt>, in a <figure> when it has a caption.
import {
  $applyNodeReplacement,
  $getDocument,
  DecoratorNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from "lexical";

export type ImagePayload = { src: string; alt: string; width?: number | null; height?: number | null; caption?: string };

export type SerializedImageNode = Spread<
  { src: string; alt: string; width: number | null; height: number | null; caption?: string },
  SerializedLexicalNode
>;

const dimension = (value: unknown): number | null =>
  typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 10_000 ? value : null;

/**
 * A decorator whose DOM is a bare <img>, so the browser editor shows it without a React decorator
 * (decorate() stays null) and the server exports the same element to HTML.
 */
export class ImageNode extends DecoratorNode<null> {
  // Own fields with defaults: @lexical/yjs reads them from `new ImageNode()` to know what to sync.
  __src = "";
  __alt = "";
  __width: number | null = null;
  __height: number | null = null;
  __caption = "";

  static override getType(): string {
    return "image";
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(
      { src: node.__src, alt: node.__alt, width: node.__width, height: node.__height, caption: node.__caption },
      node.__key,
    );
  }

  constructor(payload?: ImagePayload, key?: NodeKey) {
    super(key);
    if (payload) {
      this.__src = payload.src;
      this.__alt = payload.alt;
      this.__width = dimension(payload.width);
      this.__height = dimension(payload.height);
      this.__caption = payload.caption ?? "";
    }
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    return $createImageNode({
      src: typeof json.src === "string" ? json.src : "",
      alt: typeof json.alt === "string" ? json.alt : "",
      width: dimension(json.width),
      height: dimension(json.height),
      caption: typeof json.caption === "string" ? json.caption : "",
    });
  }

  override exportJSON(): SerializedImageNode {
    return {
      ...super.exportJSON(),
      type: "image",
      version: 1,
      src: this.getSrc(),
      alt: this.getAlt(),
      width: this.getLatest().__width,
      height: this.getLatest().__height,
      caption: this.getCaption(),
    };
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      img: () => ({ conversion: (element) => ({ node: $imageFromDOM(element as HTMLImageElement, "") }), priority: 0 }),
      // A figure with one image: the image with its caption (pasted from a web page, or our own export).
      figure: (figure) => {
        const img = figure.querySelector("img");
        if (!img) return null;
        const caption = figure.querySelector("figcaption")?.textContent?.trim() ?? "";
        return { conversion: () => ({ node: $imageFromDOM(img, caption), after: () => [] }), priority: 1 };
      },
    };
  }

  private makeImg(): HTMLImageElement {
    const img = $getDocument().createElement("img");
    const { __src, __alt, __width, __height } = this.getLatest();
    img.setAttribute("src", __src);
    img.setAttribute("alt", __alt);
    if (__width) img.setAttribute("width", String(__width));
    if (__height) img.setAttribute("height", String(__height));
    return img;
  }

  private makeCaption(tag: string): HTMLElement {
    const caption = $getDocument().createElement(tag);
    caption.textContent = this.getCaption();
    return caption;
  }

  override exportDOM(): DOMExportOutput {
    if (!this.getCaption()) return { element: this.makeImg() };
    const figure = $getDocument().createElement("figure");
    figure.append(this.makeImg(), this.makeCaption("figcaption"));
    return { element: figure };
  }

  override createDOM(): HTMLElement {
    const wrapper = $getDocument().createElement("span");
    wrapper.className = "carnet-image";
    wrapper.appendChild(this.makeImg());
    if (this.getCaption()) {
      const caption = this.makeCaption("span");
      caption.className = "carnet-caption";
      wrapper.appendChild(caption);
    }
    return wrapper;
  }

  override updateDOM(prev: ImageNode): boolean {
    const next = this.getLatest();
    return (
      prev.__src !== next.__src ||
      prev.__alt !== next.__alt ||
      prev.__width !== next.__width ||
      prev.__height !== next.__height ||
      prev.__caption !== next.__caption
    );
  }

  override decorate(): null {
    return null;
  }

  override isInline(): false {
    return false;
  }

  override getTextContent(): string {
    return this.getLatest().__alt;
  }

  getSrc(): string {
    return this.getLatest().__src;
  }

  getAlt(): string {
    return this.getLatest().__alt;
  }

  getCaption(): string {
    return this.getLatest().__caption;
  }

  setAlt(alt: string): this {
    const writable = this.getWritable();
    writable.__alt = alt;
    return writable;
  }
}

function $imageFromDOM(img: HTMLImageElement, caption: string): ImageNode {
  return $createImageNode({
    src: img.getAttribute("src") ?? "",
    alt: img.getAttribute("alt") ?? "",
    width: Number(img.getAttribute("width")) || null,
    height: Number(img.getAttribute("height")) || null,
    caption,
  });
}

export function $createImageNode(payload: ImagePayload): ImageNode {
  return $applyNodeReplacement(new ImageNode(payload));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
