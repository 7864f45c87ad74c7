import "server-only";
import { env, type Env } from "@/lib/env";
import { LocalDiskStorage } from "./local-disk-storage";
import { S3Storage } from "./s3-storage";
import type { Storage } from "./storage";

export type { Storage, StoredObject } from "./storage";

type StorageEnv = Pick<Env, "HERALD_STORAGE" | "HERALD_UPLOADS_DIR" | "HERALD_S3_REGION"> &
  Partial<
    Pick<
      Env,
      | "HERALD_S3_BUCKET"
      | "HERALD_S3_ENDPOINT"
      | "HERALD_S3_FORCE_PATH_STYLE"
      | "HERALD_S3_ACCESS_KEY_ID"
      | "HERALD_S3_SECRET_ACCESS_KEY"
    >
  >;

/** The store the settings choose: the disk by default, a bucket with HERALD_STORAGE=s3. docs/storage.md */
export function createStorage(settings: StorageEnv): Storage {
  if (settings.HERALD_STORAGE === "disk") return new LocalDiskStorage(settings.HERALD_UPLOADS_DIR);
  const { HERALD_S3_BUCKET: bucket, HERALD_S3_ENDPOINT: endpoint } = settings;
  if (!bucket) throw new Error('HERALD_S3_BUCKET is required when HERALD_STORAGE is "s3".'); // env() checks it too
  const accessKeyId = settings.HERALD_S3_ACCESS_KEY_ID;
  const secretAccessKey = settings.HERALD_S3_SECRET_ACCESS_KEY;
  return new S3Storage({
    bucket,
    region: settings.HERALD_S3_REGION,
    endpoint,
    // S3-compatible servers are addressed by path; AWS by virtual host.
    forcePathStyle: settings.HERALD_S3_FORCE_PATH_STYLE ?? Boolean(endpoint),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  });
}

let instance: Storage | undefined;

/** The process's storage, chosen once from the environment. */
export function storage(): Storage {
  instance ??= createStorage(env());
  return instance;
}
