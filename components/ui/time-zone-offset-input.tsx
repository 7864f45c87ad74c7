"use client";

import { useEffect, useRef } from "react";

/**
 * A hidden field carrying the browser's zone offset (minutes, as getTimezoneOffset), so
 * the server can read a datetime-local value as the person meant it. Set after hydration:
 * the server cannot know the browser's zone, and React keeps server-rendered attributes.
 */
export function TimeZoneOffsetInput() {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current) input.current.value = String(new Date().getTimezoneOffset());
  }, []);
  return <input ref={input} type="hidden" name="timeZoneOffset" defaultValue="0" />;
}
