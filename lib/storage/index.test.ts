import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { images } from "@/lib/uploads/test-images";
import { startS3Server, type S3Server } from "@/test/s3";
import { createStorage } from "./index";
import { LocalDiskStorage } from "./local-disk-storage";
import { S3Storage } from "./s3-storage";

const defaults = {
  HERALD_STORAGE: "disk",
  HERALD_UPLOADS_DIR: ".data/uploads",
  HERALD_S3_REGION: "us-east-1",
} as const;

/** lib/env.ts and lib/storage read the environment once per process: a fresh copy of each. */
async function fresh(variables: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
  return { ...(await import("@/lib/env")), ...(await import("@/lib/storage")) };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("createStorage", () => {
  it("keeps uploads on disk by default, under HERALD_UPLOADS_DIR", () => {
    const storage = createStorage({ ...defaults, HERALD_UPLOADS_DIR: "somewhere/uploads" });
    expect(storage).toBeInstanceOf(LocalDiskStorage);
    expect((storage as LocalDiskStorage).root).toBe(path.resolve("somewhere/uploads"));
  });

  it("addresses an S3-compatible server by path, with the keys it is given", async () => {
    const storage = createStorage({
      ...defaults,
      HERALD_STORAGE: "s3",
      HERALD_S3_BUCKET: "images",
      HERALD_S3_REGION: "eu-west-3",
      HERALD_S3_ENDPOINT: "http://127.0.0.1:9000",
      HERALD_S3_ACCESS_KEY_ID: "key-id",
      HERALD_S3_SECRET_ACCESS_KEY: "secret",
    }) as S3Storage;
    expect(storage).toBeInstanceOf(S3Storage);
    expect(storage.bucket).toBe("images");
    expect(storage.client.config.forcePathStyle).toBe(true);
    expect(await storage.client.config.region()).toBe("eu-west-3");
    expect(await storage.client.config.credentials()).toMatchObject({
      accessKeyId: "key-id",
      secretAccessKey: "secret",
    });
  });

  it("addresses AWS by virtual host unless told otherwise", () => {
    const aws = { ...defaults, HERALD_STORAGE: "s3", HERALD_S3_BUCKET: "images" } as const;
    expect((createStorage(aws) as S3Storage).client.config.forcePathStyle).toBe(false);
    const pathStyle = createStorage({ ...aws, HERALD_S3_FORCE_PATH_STYLE: true }) as S3Storage;
    expect(pathStyle.client.config.forcePathStyle).toBe(true);
  });
});

describe("storage settings in the environment", () => {
  it("defaults to the disk", async () => {
    const { env } = await fresh({});
    expect(env()).toMatchObject({ HERALD_STORAGE: "disk", HERALD_S3_REGION: "us-east-1" });
  });

  it.each([
    [{ HERALD_STORAGE: "s3" }, /HERALD_S3_BUCKET: is required when HERALD_STORAGE is "s3"/],
    [{ HERALD_STORAGE: "bucket" }, /HERALD_STORAGE: /],
    [{ HERALD_STORAGE: "s3", HERALD_S3_BUCKET: "b", HERALD_S3_ENDPOINT: "minio:9000" }, /HERALD_S3_ENDPOINT: /],
    [{ HERALD_S3_ACCESS_KEY_ID: "key-id" }, /set both or neither/],
    [{ HERALD_S3_SECRET_ACCESS_KEY: "secret" }, /set both or neither/],
    [{ HERALD_S3_FORCE_PATH_STYLE: "yes" }, /HERALD_S3_FORCE_PATH_STYLE: must be "true" or "false"/],
  ])("refuses %j with a message", async (variables, message) => {
    const { env } = await fresh(variables);
    expect(() => env()).toThrow(message);
  });

  describe("with HERALD_STORAGE=s3", () => {
    let server: S3Server;

    beforeAll(async () => {
      server = await startS3Server();
    });

    afterAll(async () => {
      await server?.stop();
    });

    it("stores in the bucket, where every box reads the same objects", async () => {
      const { storage } = await fresh(server.environment);
      await storage().put("event1/shared.png", images.png, "image/png");
      const otherBox = new S3Storage(server.settings);
      expect(await otherBox.has("event1/shared.png")).toBe(true);
      otherBox.client.destroy();
    });
  });
});
