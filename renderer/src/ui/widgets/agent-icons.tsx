import { Svg } from './icons';

/** Icons for what an agent does and says (transcript, resume, send, attention, toasts), drawn like the rest in icons.tsx. */
export const AgentIcons = {
  changes: () => (
    <Svg>
      <path d="M5 2v8M2 6h6M8 12.5h6" />
      <path d="M11 3.5v6" />
    </Svg>
  ),
  transcript: () => (
    <Svg>
      <path d="M4 2h6l3 3v9H4z" />
      <path d="M10 2v3h3M6 8h5M6 10.5h5M6 13h3" />
    </Svg>
  ),
  resume: () => (
    <Svg>
      <path d="M5 3.5v9l7-4.5z" />
      <path d="M2.5 3.5v9" />
    </Svg>
  ),
  send: () => (
    <Svg>
      <path d="M2 8l12-5.5L9.5 14 8 9z" />
      <path d="M8 9l6-6.5" />
    </Svg>
  ),
  bell: () => (
    <Svg>
      <path d="M4 11V7a4 4 0 018 0v4l1.5 1.5h-11z" />
      <path d="M6.5 14a1.5 1.5 0 003 0" />
    </Svg>
  ),
  alert: () => (
    <Svg>
      <path d="M8 2l6.5 11.5h-13z" />
      <path d="M8 6.5v3.5M8 12v.01" />
    </Svg>
  ),
  check: () => (
    <Svg>
      <path d="M3 8.5l3 3 7-7" />
    </Svg>
  ),
  refresh: () => (
    <Svg>
      <path d="M13 8a5 5 0 11-1.5-3.5" />
      <path d="M13 2.5v3h-3" />
    </Svg>
  ),
};
