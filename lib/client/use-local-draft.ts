import { useCallback, useEffect, type RefObject } from "react";
import { pollFieldNames } from "@/lib/shared/poll-fields";
import { clearLocalDraft, loadLocalDraft, saveLocalDraft, type LocalDraft } from "./local-draft";

function field(form: HTMLFormElement, name: string) {
  return form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
}

/** Choices kept with the text when the form has them (the composer's kind, attribution and poll). */
const keptFields = ["kind", "quoteBy", ...pollFieldNames];

/** The form's headline, body and kept choices, with the key they are sent under. */
export function readDraft(form: HTMLFormElement, idempotencyKey: string): LocalDraft {
  const fields: Record<string, string> = {};
  for (const name of keptFields) {
    const element = field(form, name);
    if (element) fields[name] = element.value;
  }
  return {
    headline: field(form, "headline")?.value ?? "",
    body: field(form, "body")?.value ?? "",
    idempotencyKey,
    ...(Object.keys(fields).length > 0 && { fields }),
  };
}

/**
 * Keeps a form's headline and body in localStorage under `storageKey`, and puts them back
 * into the (uncontrolled) form after a reload or a closed tab. `onRestore` gets the draft,
 * key included, so that a restored post is sent under the key it was first sent with.
 */
export function useLocalDraft(
  storageKey: string,
  formRef: RefObject<HTMLFormElement | null>,
  onRestore: (draft: LocalDraft) => void,
) {
  useEffect(() => {
    const form = formRef.current;
    const draft = loadLocalDraft(localStorage, storageKey);
    if (!form || !draft) return;
    const headline = field(form, "headline");
    const body = field(form, "body");
    if (headline) headline.value = draft.headline;
    if (body) body.value = draft.body;
    for (const [name, value] of Object.entries(draft.fields ?? {})) {
      const element = keptFields.includes(name) ? field(form, name) : null;
      if (element) element.value = value;
    }
    onRestore(draft);
    // Once per form and key: restoring again would overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey, formRef]);

  const save = useCallback((draft: LocalDraft) => saveLocalDraft(localStorage, storageKey, draft), [storageKey]);
  const clear = useCallback(() => clearLocalDraft(localStorage, storageKey), [storageKey]);
  return { save, clear };
}
