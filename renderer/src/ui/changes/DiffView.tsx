import { javascript } from '@codemirror/lang-javascript';
import { markdown } from '@codemirror/lang-markdown';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { MergeView, unifiedMergeView } from '@codemirror/merge';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { editorHighlight, editorTheme } from '../panes/editor-setup';
import type { FileSides, PatchSide } from './patch-sides';

export type DiffLayout = 'side-by-side' | 'unified';

/** The file's lines the user selected in the new side, as the file numbers them. */
export interface LineSelection {
  readonly from: number;
  readonly to: number;
  readonly quoted: string;
}

/** Syntax by file name; other files show as plain text. */
function languageOf(path: string): Extension[] {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (['ts', 'tsx', 'mts', 'cts'].includes(ext)) return [javascript({ typescript: true, jsx: ext === 'tsx' })];
  if (['js', 'jsx', 'mjs', 'cjs', 'json'].includes(ext)) return [javascript({ jsx: ext === 'jsx' })];
  if (['md', 'markdown'].includes(ext)) return [markdown()];
  return [];
}

function sideExtensions(path: string, side: PatchSide, label: string): Extension[] {
  return [
    lineNumbers({ formatNumber: (n) => String(side.lineNumbers[n - 1] ?? '') }),
    EditorState.readOnly.of(true),
    ...languageOf(path),
    syntaxHighlighting(editorHighlight),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    editorTheme,
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
  ];
}

/**
 * One file's diff in CodeMirror's merge view, side by side or unified, read-only with syntax
 * highlighting. The new side's selection is reported in the file's own line numbers (a comment
 * names them); a selection on a separator or on removed lines alone reports nothing.
 */
export function DiffView(props: { path: string; sides: FileSides; layout: DiffLayout; onSelect: (selection: LineSelection | undefined) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const onSelect = useRef(props.onSelect);
  onSelect.current = props.onSelect;

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const { path, sides, layout } = props;
    const selectionListener = EditorView.updateListener.of((update) => {
      if (!update.selectionSet) return;
      const range = update.state.selection.main;
      if (range.empty) {
        onSelect.current(undefined);
        return;
      }
      const doc = update.state.doc;
      const first = doc.lineAt(range.from).number;
      const last = doc.lineAt(range.to).number;
      const numbers: number[] = [];
      const lines: string[] = [];
      for (let n = first; n <= last; n++) {
        const fileLine = sides.modified.lineNumbers[n - 1];
        if (fileLine === undefined) continue;
        numbers.push(fileLine);
        lines.push(doc.line(n).text);
      }
      onSelect.current(numbers.length > 0 ? { from: numbers[0]!, to: numbers[numbers.length - 1]!, quoted: lines.join('\n') } : undefined);
    });
    let destroy: () => void;
    if (layout === 'side-by-side') {
      const view = new MergeView({
        a: { doc: sides.original.text, extensions: sideExtensions(path, sides.original, `Before: ${path}`) },
        b: { doc: sides.modified.text, extensions: [...sideExtensions(path, sides.modified, `After: ${path}`), selectionListener] },
        parent,
        highlightChanges: true,
        gutter: true,
      });
      destroy = () => view.destroy();
    } else {
      const view = new EditorView({
        parent,
        state: EditorState.create({
          doc: sides.modified.text,
          extensions: [
            ...sideExtensions(path, sides.modified, `Changes: ${path}`),
            unifiedMergeView({ original: sides.original.text, highlightChanges: true, gutter: true, mergeControls: false }),
            selectionListener,
          ],
        }),
      });
      destroy = () => view.destroy();
    }
    return () => destroy();
    // The view is rebuilt for another file, other sides or another layout.
  }, [props.path, props.sides, props.layout]);

  return <div ref={host} className={`diff-view diff-${props.layout}`} data-testid="diff-view" />;
}
