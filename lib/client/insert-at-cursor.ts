/** Replaces the selection in textarea `#<id>` with `text` on its own line, as typing would (undo, input events). */
export function insertAtCursor(id: string, text: string) {
  const textarea = document.getElementById(id);
  if (!(textarea instanceof HTMLTextAreaElement)) return;
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const before = start > 0 && value[start - 1] !== "\n" ? "\n\n" : "";
  const after = end < value.length && value[end] !== "\n" ? "\n\n" : "";
  textarea.focus();
  textarea.setRangeText(`${before}${text}${after}`, start, end, "end");
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}
