// The editor toolbar: block type, inline formats, link, lists, quote, image and collaborative undo/redo.
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { $isLinkNode, TOGGLE_LINK_COMMAND } from "@lexical/link";
import { $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, ListNode, REMOVE_LIST_COMMAND } from "@lexical/list";
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from "@lexical/utils";
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  KEY_DOWN_COMMAND,
  type LexicalNode,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  type TextFormatType,
  UNDO_COMMAND,
} from "lexical";
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from "react";
import { useT } from "../i18n.tsx";
import { Icon, type IconName } from "./icons.tsx";
import { ImageDialog } from "./ImageDialog.tsx";
import { LinkDialog } from "./LinkDialog.tsx";

type Block = "paragraph" | "h2" | "h3" | "quote" | "bullet" | "number";
type Formats = Record<"bold" | "italic" | "underline", boolean>;

function $blockOf(anchor: LexicalNode): Block {
  const top = anchor.getKey() === "root" ? anchor : ($findMatchingParent(anchor, (n) => {
    const parent = n.getParent();
    return parent !== null && $isRootOrShadowRoot(parent);
  }) ?? anchor.getTopLevelElementOrThrow());
  if ($isListNode(top)) {
    const list = $getNearestNodeOfType(anchor, ListNode) ?? top;
    return list.getListType() === "number" ? "number" : "bullet";
  }
  if ($isHeadingNode(top)) return top.getTag() === "h3" ? "h3" : "h2";
  if ($isQuoteNode(top)) return "quote";
  return "paragraph";
}

export function Toolbar({ episodeId }: { episodeId: string }) {
  const [editor] = useLexicalComposerContext();
  const t = useT();
  const [block, setBlock] = useState<Block>("paragraph");
  const [formats, setFormats] = useState<Formats>({ bold: false, italic: false, underline: false });
  const [isLink, setIsLink] = useState(false);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [dialog, setDialog] = useState<"link" | "image" | null>(null);
  const barRef = useRef<HTMLDivElement>(null);

  const refresh = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    setFormats({
      bold: selection.hasFormat("bold"),
      italic: selection.hasFormat("italic"),
      underline: selection.hasFormat("underline"),
    });
    const node = selection.anchor.getNode();
    setBlock($blockOf(node));
    setIsLink($isLinkNode(node.getParent()) || $isLinkNode(node));
  }, []);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read(refresh)),
        editor.registerCommand(
          SELECTION_CHANGE_COMMAND,
          () => {
            refresh();
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        // Ctrl/Cmd+K: the link dialog, as in every word processor.
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            if (event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return false;
            event.preventDefault();
            setDialog("link");
            return true;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (v) => {
            setCanUndo(v);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (v) => {
            setCanRedo(v);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, refresh],
  );

  const setBlockType = (next: Block) => {
    if (next === "bullet") return editor.dispatchCommand(block === "bullet" ? REMOVE_LIST_COMMAND : INSERT_UNORDERED_LIST_COMMAND, undefined);
    if (next === "number") return editor.dispatchCommand(block === "number" ? REMOVE_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
    editor.update(() => {
      const selection = $getSelection();
      if (next === "h2" || next === "h3") $setBlocksType(selection, () => $createHeadingNode(next));
      else if (next === "quote") $setBlocksType(selection, () => (block === "quote" ? $createParagraphNode() : $createQuoteNode()));
      else $setBlocksType(selection, () => $createParagraphNode());
    });
  };

  const format = (f: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, f);

  // Besides Tab, arrow keys, Home and End move between the controls (WAI-ARIA toolbar pattern).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft" && event.key !== "Home" && event.key !== "End") return;
    if ((event.target as HTMLElement).tagName === "SELECT") return;
    const items = [...(barRef.current?.querySelectorAll<HTMLElement>("button:not([disabled]), select") ?? [])];
    const index = items.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    event.preventDefault();
    const next =
      event.key === "Home" ? 0 : event.key === "End" ? items.length - 1 : (index + (event.key === "ArrowRight" ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  };

  /** A toolbar button; `pressed` only for the ones that toggle a state (aria-pressed). */
  const tool = (label: string, icon: IconName, onClick: () => void, state: { pressed?: boolean; disabled?: boolean } = {}) => (
    <button type="button" className="tool" aria-pressed={state.pressed} aria-label={label} title={label} disabled={state.disabled} onClick={onClick}>
      <Icon name={icon} />
    </button>
  );

  return (
    <div className="toolbar" role="toolbar" aria-label={t("atelier.editor.toolbar")} ref={barRef} onKeyDown={onKeyDown}>
      <label className="visually-hidden" htmlFor={`block-${episodeId}`}>
        {t("atelier.editor.blockType")}
      </label>
      <select
        id={`block-${episodeId}`}
        value={block === "bullet" || block === "number" || block === "quote" ? "paragraph" : block}
        onChange={(e) => setBlockType(e.target.value as Block)}
      >
        <option value="paragraph">{t("atelier.editor.paragraph")}</option>
        <option value="h2">{t("atelier.editor.heading2")}</option>
        <option value="h3">{t("atelier.editor.heading3")}</option>
      </select>
      {tool(t("atelier.editor.bold"), "bold", () => format("bold"), { pressed: formats.bold })}
      {tool(t("atelier.editor.italic"), "italic", () => format("italic"), { pressed: formats.italic })}
      {tool(t("atelier.editor.underline"), "underline", () => format("underline"), { pressed: formats.underline })}
      {tool(t("atelier.editor.link"), "link", () => (isLink ? editor.dispatchCommand(TOGGLE_LINK_COMMAND, null) : setDialog("link")), { pressed: isLink })}
      {tool(t("atelier.editor.bulletList"), "bulletList", () => setBlockType("bullet"), { pressed: block === "bullet" })}
      {tool(t("atelier.editor.numberList"), "numberList", () => setBlockType("number"), { pressed: block === "number" })}
      {tool(t("atelier.editor.quote"), "quote", () => setBlockType("quote"), { pressed: block === "quote" })}
      {tool(t("atelier.editor.image"), "image", () => setDialog("image"))}
      {tool(t("atelier.editor.undo"), "undo", () => editor.dispatchCommand(UNDO_COMMAND, undefined), { disabled: !canUndo })}
      {tool(t("atelier.editor.redo"), "redo", () => editor.dispatchCommand(REDO_COMMAND, undefined), { disabled: !canRedo })}
      {dialog === "link" && <LinkDialog onClose={() => setDialog(null)} />}
      {dialog === "image" && <ImageDialog episodeId={episodeId} onClose={() => setDialog(null)} />}
    </div>
  );
}
