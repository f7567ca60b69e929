import type { ReactNode } from 'react';

/** A compact toolbar button whose accessible name is its label; the title adds the shortcut. */
export function IconButton(props: {
  label: string;
  title?: string;
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
  pressed?: boolean;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={`icon-button ${props.className ?? ''}`}
      aria-label={props.label}
      title={props.title ?? props.label}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-pressed={props.pressed}
    >
      {props.children}
    </button>
  );
}
