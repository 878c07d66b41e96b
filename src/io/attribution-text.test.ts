import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_MAX, attributionText } from './attribution-text';

describe('attributionText', () => {
  it('keeps the words of an HTML attribution and drops its tags', () => {
    expect(
      attributionText('<a href="https://openstreetmap.org/copyright">&copy; OpenStreetMap</a> contributors'),
    ).toBe('© OpenStreetMap contributors');
  });

  it('drops hostile markup: no tag, handler or URL survives', () => {
    const text = attributionText(
      '<details open ontoggle=window.__xss=1>x</details> <img src=https://evil.example/p> <script>window.__xss=1</script>',
    );
    expect(text).toBe('x window.__xss=1');
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toContain('evil.example');
    // A tag left open at the end is dropped as well.
    expect(attributionText('ok <img src=https://evil.example/p onerror=alert(1)')).toBe('ok');
  });

  it('escaped markup stays visible text and never becomes a tag', () => {
    expect(attributionText('&lt;img src=x&gt; &amp; &#169; &#x4E2D;')).toBe('<img src=x> & © 中');
    expect(attributionText('&#0; &#xD800; &#9999999; &bogus;')).toBe('&bogus;');
  });

  it('removes control characters and bidi overrides, collapses whitespace, caps the length', () => {
    expect(attributionText('a\u202Eb\u0000c\n\t d')).toBe('a b c d');
    const long = attributionText('长'.repeat(1000));
    expect(long).toHaveLength(ATTRIBUTION_MAX);
    expect(long.endsWith('…')).toBe(true);
    expect(attributionText(42)).toBe('');
    expect(attributionText(undefined)).toBe('');
  });
});
