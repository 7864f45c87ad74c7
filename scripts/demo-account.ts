// The demo newsroom's credentials: printed by `npm start`, used by scripts/seed.ts and e2e.
export const demo = {
  email: "demo@herald.test",
  password: "herald-demo",
  name: "Dana Demo",
  eventSlug: "herald-launch-keynote",
};
