/**
 * A basemap's attribution as plain text. Archives and styles carry it as an HTML fragment
 * (`<a href="…">© OpenStreetMap</a>`); we never put it into the page as HTML (no element from a
 * file is ever created, so no handler runs and no image or link is fetched): tags are dropped, the
 * few entities attributions use are decoded, whitespace collapsed and the length capped. The
 * result is shown through a text node only.
 */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
};

/** Longest attribution shown, in characters. */
export const ATTRIBUTION_MAX = 300;

export function attributionText(value: unknown): string {
  if (typeof value !== 'string') return '';
  // Decode after dropping tags, so `&lt;img&gt;` stays visible text and never becomes a tag.
  const text = value
    .replace(/<[^>]*(>|$)/g, ' ')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
          ? String.fromCodePoint(code)
          : '';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    // Control characters and bidi overrides would reorder or hide what follows them.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we strip
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > ATTRIBUTION_MAX ? `${text.slice(0, ATTRIBUTION_MAX - 1)}…` : text;
}
