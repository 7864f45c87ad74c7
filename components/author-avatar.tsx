// A byline avatar: the author's initials on a colour derived from their name, so it is
// stable everywhere and needs no image request.
const hues = [10, 35, 150, 190, 215, 260, 300, 340];

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!] : words;
  return letters.map((w) => [...w][0]!.toUpperCase()).join("") || "?";
}

export function AuthorAvatar({ name }: { name: string }) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  const hue = hues[hash % hues.length];
  return (
    <span
      aria-hidden
      className="inline-flex size-6 shrink-0 items-center justify-center rounded-full text-[0.625rem] font-bold text-white"
      style={{ backgroundColor: `hsl(${hue} 55% 32%)` }}
    >
      {initials(name)}
    </span>
  );
}
