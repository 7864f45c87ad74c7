import "server-only";
import { ImageResponse } from "next/og";
import { shareImageSize } from "./event-metadata";

export type ShareCard = {
  /** The event's title. */
  title: string;
  /** A post's headline or first words, or the event's description; may be empty. */
  text: string;
  newsroom: string;
  live: boolean;
};

// Emoji make the renderer fetch their pictures from a CDN at request time (and fail the
// image when it cannot): a card is words, so they are left out.
const emoji = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}]/gu;
const clean = (text: string) => text.replace(emoji, "").replace(/\s+/g, " ").trim();

/**
 * A 1200×630 PNG for share cards: the newsroom, a LIVE badge while live, the event's title
 * and the words under it. Satori lays it out (flexbox only; every div with more than one
 * child says `display: flex`).
 */
export function shareImage(card: ShareCard, options: { headers?: Record<string, string> } = {}): ImageResponse {
  const title = clean(card.title);
  const text = clean(card.text);
  return new ImageResponse(
    <div
      style={{
        display: "flex",
        flexDirection: "column",
        width: "100%",
        height: "100%",
        padding: "64px 72px",
        background: "#fafaf9",
        color: "#1c1917",
        borderTop: "16px solid #cc2827",
      }}
    >
      <div style={{ display: "flex", alignItems: "center", gap: 24, fontSize: 34, color: "#57534e" }}>
        <div style={{ display: "flex", width: 22, height: 22, borderRadius: 11, background: "#cc2827" }} />
        <div style={{ display: "flex" }}>{clean(card.newsroom)}</div>
        {card.live && (
          <div
            style={{
              display: "flex",
              marginLeft: "auto",
              padding: "6px 22px",
              borderRadius: 10,
              background: "#cc2827",
              color: "#ffffff",
              fontSize: 32,
              letterSpacing: 4,
            }}
          >
            LIVE
          </div>
        )}
      </div>
      <div style={{ display: "flex", marginTop: 56, fontSize: title.length > 60 ? 60 : 72, lineHeight: 1.1 }}>
        {title}
      </div>
      {text && (
        <div style={{ display: "flex", marginTop: 36, fontSize: 38, lineHeight: 1.35, color: "#44403c" }}>{text}</div>
      )}
    </div>,
    { ...shareImageSize, headers: options.headers },
  );
}
