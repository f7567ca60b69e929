import '@fontsource/noto-sans-symbols-2/symbols-400.css';
import '@fontsource/noto-sans-symbols/symbols-400.css';

/**
 * Fonts that follow the user's in every terminal's font list, for the symbols agent CLIs draw that
 * monospace fonts often lack. Noto Sans Symbols 2 has ⏵ ⏺ ✻ ● ❯ ✔ ✗ and the control pictures (␉);
 * Noto Sans Symbols has ⎿ and ⎯. A character the user's font has is still drawn in the user's font.
 */
export const SYMBOL_FONT_FAMILIES = ['Noto Sans Symbols 2', 'Noto Sans Symbols'] as const;

/** `fontFamily` (a CSS font list) with the symbol fonts after it. */
export function withSymbolFonts(fontFamily: string): string {
  return [fontFamily, ...SYMBOL_FONT_FAMILIES.map((family) => `'${family}'`)].join(', ');
}
