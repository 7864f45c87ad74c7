import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "@/lib/storage/s3-storage";

/** s3rver checks signatures against this key pair. */
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export type S3Server = {
  settings: S3Settings;
  /** The same settings as Herald reads them from the environment (lib/env.ts). */
  environment: Record<string, string>;
  /** The folder s3rver keeps the bucket in: nothing outside it may ever be written. */
  directory: string;
  stop(): Promise<void>;
};

/** An S3-compatible server on a temporary folder and a random loopback port, with one empty bucket. */
export async function startS3Server(bucket = "herald-test"): Promise<S3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "herald-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    settings: { bucket, region: "us-east-1", endpoint, forcePathStyle: true, credentials },
    environment: {
      HERALD_STORAGE: "s3",
      HERALD_S3_BUCKET: bucket,
      HERALD_S3_ENDPOINT: endpoint,
      HERALD_S3_ACCESS_KEY_ID: credentials.accessKeyId,
      HERALD_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    directory,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
