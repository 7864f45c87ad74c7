import "server-only";
import crypto from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { contentTypeOfKey, type Storage, type StoredObject } from "./storage";

/** Files under one directory (HERALD_UPLOADS_DIR), one file per key. */
export class LocalDiskStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const file = this.pathOf(key);
    if (!file) throw new Error(`Refusing to store under a malformed key: ${JSON.stringify(key)}`);
    if (contentTypeOfKey(key) !== contentType) throw new Error(`Key ${key} does not name a ${contentType} file.`);
    await mkdir(path.dirname(file), { recursive: true });
    // Write beside it, then rename: a reader never sees half a file.
    const temporary = `${file}.${crypto.randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, bytes, { flag: "wx" });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const file = this.pathOf(key);
    const contentType = contentTypeOfKey(key);
    if (!file || !contentType) return null;
    try {
      const bytes = await readFile(file);
      return { bytes, contentType, size: bytes.byteLength };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  /** The file for a key, or null for a malformed key or one that would leave the root. */
  pathOf(key: string): string | null {
    if (!contentTypeOfKey(key)) return null;
    const file = path.resolve(this.root, key);
    return file.startsWith(this.root + path.sep) ? file : null;
  }
}
