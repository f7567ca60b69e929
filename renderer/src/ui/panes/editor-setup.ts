import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** Colours are CSS variables, so a theme switch restyles open editors without rebuilding them. */
const theme = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--editor-bg)', height: '100%', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--fg)', padding: '8px 0' },
  '.cm-line': { padding: '0 14px 0 6px' },
  '&.cm-focused': { outline: 'none' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selection) !important',
  },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-gutters': { backgroundColor: 'var(--editor-bg)', color: 'var(--fg-faint)', border: 'none' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)', color: 'var(--fg-muted)' },
});

const highlight = HighlightStyle.define([
  { tag: tags.heading1, color: 'var(--md-heading)', fontWeight: '700', fontSize: '1.15em' },
  { tag: [tags.heading2, tags.heading3, tags.heading4, tags.heading5, tags.heading6], color: 'var(--md-heading)', fontWeight: '700' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--md-link)' },
  { tag: tags.monospace, color: 'var(--md-code)' },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: 'var(--fg-muted)' },
  { tag: tags.quote, color: 'var(--fg-muted)', fontStyle: 'italic' },
  { tag: [tags.keyword, tags.atom, tags.bool], color: 'var(--md-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--md-string)' },
  { tag: tags.number, color: 'var(--md-number)' },
  { tag: [tags.propertyName, tags.attributeName], color: 'var(--md-property)' },
  { tag: tags.comment, color: 'var(--fg-faint)', fontStyle: 'italic' },
]);

type MarkdownExtensions = NonNullable<NonNullable<Parameters<typeof markdown>[0]>['extensions']>;

/**
 * Persona and skill files open with YAML frontmatter. Plain markdown would read its closing `---`
 * as a setext heading underline; this block parser claims the fenced frontmatter first.
 */
const frontmatter: MarkdownExtensions = {
  defineNodes: [{ name: 'Frontmatter', style: tags.meta }],
  parseBlock: [
    {
      name: 'Frontmatter',
      before: 'HorizontalRule',
      parse(cx, line) {
        if (cx.lineStart !== 0 || line.text.trimEnd() !== '---') return false;
        const start = cx.lineStart;
        while (cx.nextLine()) {
          if (line.text.trimEnd() === '---') {
            cx.nextLine();
            break;
          }
        }
        cx.addElement(cx.elt('Frontmatter', start, cx.prevLineEnd()));
        return true;
      },
    },
  ],
};

export function editorExtensions(options: { onSave: () => void; onChange: (doc: string) => void; label: string }): Extension[] {
  return [
    lineNumbers(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    EditorState.allowMultipleSelections.of(true),
    EditorView.lineWrapping,
    markdown({ extensions: frontmatter }),
    syntaxHighlighting(highlight),
    theme,
    keymap.of([
      { key: 'Mod-s', preventDefault: true, run: () => (options.onSave(), true) },
      ...defaultKeymap,
      ...historyKeymap,
      indentWithTab,
    ]),
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) options.onChange(update.state.doc.toString());
    }),
  ];
}

/**
 * Replaces the document with `next` by changing only the differing middle, so the cursor and the
 * scroll position survive an external edit elsewhere in the file.
 */
export function replaceDoc(view: EditorView, next: string): void {
  const current = view.state.doc.toString();
  if (current === next) return;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endCurrent = current.length;
  let endNext = next.length;
  while (endCurrent > start && endNext > start && current.charCodeAt(endCurrent - 1) === next.charCodeAt(endNext - 1)) {
    endCurrent--;
    endNext--;
  }
  view.dispatch({ changes: { from: start, to: endCurrent, insert: next.slice(start, endNext) } });
}

/** The editors' look, for other read-only code views (the Changes view's diff). */
export { theme as editorTheme, highlight as editorHighlight };
