// Input limits, shared by the forms (maxLength) and the server (zod). Documented in README.
export const limits = {
  postMarkdown: 20_000,
  headline: 200,
  quoteBy: 200,
  keyLabel: 60,
  /** A reader's question to the desk, and the name they give (optional). */
  questionBody: 500,
  questionName: 60,
  eventTitle: 200,
  eventDescription: 2_000,
  /** The key points pinned above the feed, in Markdown. */
  eventSummary: 4_000,
  slug: 80,
  name: 100,
  email: 254,
  passwordMin: 8,
  passwordMax: 200,
  /** Largest image upload, in bytes (5 MiB). */
  uploadBytes: 5 * 1024 * 1024,
  /** Longest side an uploaded image may declare, in pixels. */
  imageSide: 10_000,
  /** Most pixels an uploaded image may declare (40 megapixels): a browser decodes all of them. */
  imagePixels: 40_000_000,
} as const;
