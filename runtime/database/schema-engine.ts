// Prisma's own schema engine, compiled to WebAssembly, driven through @prisma/adapter-pg.
// The Prisma CLI would download a native engine for `migrate` at run time, which a
// machine without internet access cannot do; this is the same engine, shipped on npm.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

const root = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(root, "prisma/schema.prisma");
export const migrationsDir = path.join(root, "prisma/migrations");
const noFilters = { externalTables: [], externalEnums: [] };

let loaded: Promise<typeof SchemaEngine> | undefined;

// wasm-bindgen's "bundler" output imports the .wasm file as an ES module, which Node
// cannot do; instantiate it by hand with the generated JS glue as its imports.
function loadEngineClass(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    // Where the engine reports a Rust panic's message before it throws.
    const registry = {
      message: "",
      set_message(m: string) {
        registry.message = m;
      },
    };
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = registry;
    process.on("exit", () => registry.message && console.error("schema engine panicked:", registry.message));
    const require = createRequire(import.meta.url);
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasm = fs.readFileSync(glue.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": bindings });
    const glueApi = bindings as unknown as { __wbg_set_wasm(exports: unknown): void };
    glueApi.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return (bindings as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine;
  })();
  return loaded;
}

async function withEngine<T>(url: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const Engine = await loadEngineClass();
  const schema = fs.readFileSync(schemaPath, "utf8");
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: url }));
  const engine = await Engine.new(
    { datamodels: [[schemaPath, schema]] },
    () => {}, // the engine's debug log
    adapter,
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

export function listMigrations(): MigrationList {
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** `prisma migrate deploy`: applies every migration not yet recorded in _prisma_migrations. */
export function applyMigrations(url: string): Promise<string[]> {
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: listMigrations(), filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/**
 * SQL that turns the schema `from` (empty when null) into prisma/schema.prisma, computed
 * from the two schema texts; the engine only checks that it can reach `url`. (Diffing
 * against migrations needs a shadow database, and introspecting Postgres 18 panics in
 * this engine build: it does not read the new "n" not-null constraints.)
 */
export function schemaDiffSql(url: string, from: string | null): Promise<string> {
  return withEngine(url, async (engine) => {
    const schema = fs.readFileSync(schemaPath, "utf8");
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: schemaPath, content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return (result as { stdout?: string }).stdout?.trim() ?? "";
  });
}
