import "server-only";
import { env } from "@/lib/env";
import { LocalDiskStorage } from "./local-disk-storage";
import type { Storage } from "./storage";

export type { Storage, StoredObject } from "./storage";

let instance: Storage | undefined;

/** The process's storage. To add another backend (S3 and the like), choose it here: docs/storage.md. */
export function storage(): Storage {
  instance ??= new LocalDiskStorage(env().HERALD_UPLOADS_DIR);
  return instance;
}
