import type { ReactNode } from 'react';

/** Small stroke icons (16px, currentColor) so the UI needs no icon font or network. */
export function Svg({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const Icons = {
  splitRight: () => (
    <Svg>
      <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
      <path d="M8 2.5v11" />
    </Svg>
  ),
  splitDown: () => (
    <Svg>
      <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
      <path d="M2 8h12" />
    </Svg>
  ),
  maximize: () => (
    <Svg>
      <path d="M9.5 2.5h4v4M6.5 13.5h-4v-4M13.5 2.5 9 7M2.5 13.5 7 9" />
    </Svg>
  ),
  restore: () => (
    <Svg>
      <path d="M13.5 6.5h-4v-4M2.5 9.5h4v4M9.5 6.5 14 2M6.5 9.5 2 14" />
    </Svg>
  ),
  more: () => (
    <Svg>
      <path d="M3.5 8h.01M8 8h.01M12.5 8h.01" strokeWidth="2.2" />
    </Svg>
  ),
  close: () => (
    <Svg>
      <path d="M4 4l8 8M12 4l-8 8" />
    </Svg>
  ),
  stop: () => (
    <Svg>
      <rect x="4" y="4" width="8" height="8" rx="1" />
    </Svg>
  ),
  restart: () => (
    <Svg>
      <path d="M13 8a5 5 0 1 1-1.5-3.6" />
      <path d="M12 1.8v3h-3" />
    </Svg>
  ),
  play: () => (
    <Svg>
      <path d="M5 3.2v9.6L12.5 8z" />
    </Svg>
  ),
  edit: () => (
    <Svg>
      <path d="M10.5 2.8l2.7 2.7L6 12.7 2.8 13.2l.5-3.2z" />
    </Svg>
  ),
  plus: () => (
    <Svg>
      <path d="M8 3v10M3 8h10" />
    </Svg>
  ),
  folder: () => (
    <Svg>
      <path d="M2 4.5A1.5 1.5 0 0 1 3.5 3h3l1.5 1.5h4.5A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z" />
    </Svg>
  ),
  sun: () => (
    <Svg>
      <circle cx="8" cy="8" r="2.8" />
      <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
    </Svg>
  ),
  moon: () => (
    <Svg>
      <path d="M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5z" />
    </Svg>
  ),
  command: () => (
    <Svg>
      <path d="M3 4.5l3 3.5-3 3.5M8 12h5" />
    </Svg>
  ),
  terminal: () => (
    <Svg>
      <rect x="1.8" y="2.5" width="12.4" height="11" rx="1.5" />
      <path d="M4.5 6l2 2-2 2M8 10.5h3" />
    </Svg>
  ),
  file: () => (
    <Svg>
      <path d="M4 1.8h5l3 3v9.4H4z" />
      <path d="M9 1.8v3h3" />
    </Svg>
  ),
  search: () => (
    <Svg>
      <circle cx="7" cy="7" r="4" />
      <path d="M10 10l3.5 3.5" />
    </Svg>
  ),
  up: () => (
    <Svg>
      <path d="M4 10l4-4 4 4" />
    </Svg>
  ),
  down: () => (
    <Svg>
      <path d="M4 6l4 4 4-4" />
    </Svg>
  ),
};
