// Server actions, posted as a browser without JavaScript posts a `<form action={action}>`:
// for process-level tests against a production build.
import fs from "node:fs";
import path from "node:path";

/** The action id Next gave a server action in this build (as a page's form would carry it). */
export function actionId(exportedName: string): string {
  const file = path.join(import.meta.dirname, "../.next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`No server action named ${exportedName} in the build.`);
  return id;
}

/** A no-JavaScript form post to a server action (`<form action={action}>`), from `origin`. */
export function postAction(baseUrl: string, page: string, id: string, fields: Record<string, string>, origin: string) {
  const form = new FormData();
  form.set(`$ACTION_ID_${id}`, "");
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return fetch(`${baseUrl}${page}`, { method: "POST", body: form, headers: { origin }, redirect: "manual" });
}
