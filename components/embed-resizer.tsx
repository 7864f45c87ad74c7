"use client";

import { useEffect } from "react";
import { embedResizeType, maxEmbedHeight, type EmbedResizeMessage } from "@/lib/shared/embed-message";

/**
 * Tells the page that frames this embed how tall the content is, whenever it changes (a
 * post arrives, an image loads). The height is no secret, so any host may hear it; the
 * host's script checks that the message comes from our origin and our iframe.
 */
export function EmbedResizer({ contentId }: { contentId: string }) {
  useEffect(() => {
    const content = document.getElementById(contentId);
    if (window.parent === window || !content) return;
    let last = -1;
    const report = () => {
      // The content's own height, not the document's: the document is at least as tall as
      // the iframe already is, so it could grow but never shrink.
      const height = Math.min(Math.ceil(content.getBoundingClientRect().height), maxEmbedHeight);
      if (height === last) return;
      last = height;
      const message: EmbedResizeMessage = { type: embedResizeType, height };
      window.parent.postMessage(message, "*");
    };
    const observer = new ResizeObserver(report);
    observer.observe(content);
    report();
    return () => observer.disconnect();
  }, [contentId]);
  return null;
}
