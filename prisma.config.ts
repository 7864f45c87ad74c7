import { defineConfig } from "prisma/config";

// The CLI is used only for `prisma generate` here: migrations run through Prisma's
// wasm schema engine (scripts/db/), which needs no native binary download.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
