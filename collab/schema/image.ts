// The image node of journal bodies: a plain Lexical node (no React) that exports <img src alt>.
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

export type ImagePayload = { src: string; alt: string; width?: number | null; height?: number | null };

export type SerializedImageNode = Spread<
  { src: string; alt: string; width: number | null; height: number | null },
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

  static override getType(): string {
    return "image";
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(
      { src: node.__src, alt: node.__alt, width: node.__width, height: node.__height },
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
    }
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    return $createImageNode({
      src: typeof json.src === "string" ? json.src : "",
      alt: typeof json.alt === "string" ? json.alt : "",
      width: dimension(json.width),
      height: dimension(json.height),
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
    };
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      img: () => ({
        conversion: (element) => {
          const img = element as HTMLImageElement;
          const node = $createImageNode({
            src: img.getAttribute("src") ?? "",
            alt: img.getAttribute("alt") ?? "",
            width: Number(img.getAttribute("width")) || null,
            height: Number(img.getAttribute("height")) || null,
          });
          return { node };
        },
        priority: 0,
      }),
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

  override exportDOM(): DOMExportOutput {
    return { element: this.makeImg() };
  }

  override createDOM(): HTMLElement {
    const wrapper = $getDocument().createElement("span");
    wrapper.className = "carnet-image";
    wrapper.appendChild(this.makeImg());
    return wrapper;
  }

  override updateDOM(prev: ImageNode): boolean {
    const next = this.getLatest();
    return (
      prev.__src !== next.__src ||
      prev.__alt !== next.__alt ||
      prev.__width !== next.__width ||
      prev.__height !== next.__height
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

  setAlt(alt: string): this {
    const writable = this.getWritable();
    writable.__alt = alt;
    return writable;
  }
}

export function $createImageNode(payload: ImagePayload): ImageNode {
  return $applyNodeReplacement(new ImageNode(payload));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
