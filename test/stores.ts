import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startS3Server } from "./s3";

/** Every store Herald can be configured with: tests that go through storage() run against each. */
export const storeNames = ["disk", "s3"] as const;
export type StoreName = (typeof storeNames)[number];

export type TestStore = {
  /** The variables that choose and configure it (lib/env.ts). */
  environment: Record<string, string>;
  /** Puts bytes at `name` beside the store's keys (a file beside the uploads folder, an object at the bucket's top). */
  plantOutside(name: string, bytes: Uint8Array): Promise<void>;
  stop(): Promise<void>;
};

/** A fresh, empty store of the kind named. */
export async function startStore(name: StoreName): Promise<TestStore> {
  if (name === "disk") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "herald-store-"));
    return {
      environment: { HERALD_STORAGE: "disk", HERALD_UPLOADS_DIR: path.join(dir, "uploads") },
      plantOutside: (file, bytes) => writeFile(path.join(dir, file), bytes),
      stop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const server = await startS3Server();
  const { bucket, ...settings } = server.settings;
  const client = new S3Client(settings);
  return {
    environment: server.environment,
    async plantOutside(key, bytes) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
    },
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}
