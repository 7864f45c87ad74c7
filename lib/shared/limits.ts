// Input limits, shared by the forms (maxLength) and the server (zod). Documented in README.
export const limits = {
  postMarkdown: 20_000,
  headline: 200,
  keyLabel: 60,
  eventTitle: 200,
  eventDescription: 2_000,
  slug: 80,
  name: 100,
  email: 254,
  passwordMin: 8,
  passwordMax: 200,
} as const;
