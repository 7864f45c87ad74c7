import "server-only";
import crypto from "node:crypto";
import { mkdir, open, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { contentTypeOfKey, requireKeyOfType, type Storage, type StoredObject } from "./storage";

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/** Files under one directory (HERALD_UPLOADS_DIR), one file per key. */
export class LocalDiskStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    requireKeyOfType(key, contentType);
    const file = this.pathOf(key);
    if (!file) throw new Error(`Refusing to store under a malformed key: ${JSON.stringify(key)}`);
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
    let handle;
    try {
      handle = await open(file, "r");
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
    try {
      // Size and bytes from the same open file: a rename over it cannot make them disagree.
      const stats = await handle.stat();
      if (!stats.isFile()) {
        await handle.close();
        return null;
      }
      // The stream closes the file when it ends or is cancelled.
      const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
      return { body, contentType, size: stats.size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    const file = this.pathOf(key);
    if (!file) return false;
    try {
      return (await stat(file)).isFile();
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    if (file) await rm(file, { force: true });
  }

  /** The file for a key, or null for a malformed key or one that would leave the root. */
  pathOf(key: string): string | null {
    if (!contentTypeOfKey(key)) return null;
    const file = path.resolve(this.root, key);
    return file.startsWith(this.root + path.sep) ? file : null;
  }
}
