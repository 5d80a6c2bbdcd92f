import type { ReactNode } from 'react';

// Small inline SVG icons per item id: no emoji font is needed (headless browsers and many
// Linux desktops have none), and they inherit the text colour.
const paths: Record<string, ReactNode> = {
  book: (
    <>
      <rect x="5" y="3" width="14" height="18" rx="1.5" fill="currentColor" opacity="0.85" />
      <rect x="7.5" y="3" width="1.5" height="18" fill="#fff" opacity="0.6" />
      <rect x="11" y="7" width="6" height="1.5" fill="#fff" opacity="0.8" />
    </>
  ),
  hat: (
    <>
      <rect x="7" y="4" width="10" height="12" rx="1" fill="currentColor" />
      <rect x="3" y="16" width="18" height="3" rx="1.5" fill="currentColor" />
      <rect x="7" y="12" width="10" height="2" fill="#fff" opacity="0.5" />
    </>
  ),
  ball: (
    <>
      <circle cx="12" cy="12" r="8.5" fill="currentColor" />
      <path d="M4 10 Q12 14 20 10 M9 4 Q13 12 9 20" stroke="#fff" strokeWidth="1.4" fill="none" />
    </>
  ),
  food: (
    <>
      <circle cx="12" cy="14" r="7" fill="currentColor" />
      <path d="M12 7 Q13 3 16 3" stroke="currentColor" strokeWidth="1.6" fill="none" />
    </>
  ),
  water: <path d="M12 3 Q19 12 19 15 A7 7 0 0 1 5 15 Q5 12 12 3 Z" fill="currentColor" />,
  firewood: (
    <>
      <rect
        x="3"
        y="13"
        width="18"
        height="4"
        rx="2"
        fill="currentColor"
        transform="rotate(-15 12 15)"
      />
      <rect
        x="3"
        y="13"
        width="18"
        height="4"
        rx="2"
        fill="currentColor"
        opacity="0.75"
        transform="rotate(15 12 15)"
      />
      <path d="M12 4 Q15 8 12 11 Q9 8 12 4Z" fill="#e8590c" />
    </>
  ),
};

export function ItemIcon({ id, size = 22 }: { id: string; size?: number }) {
  return (
    <svg
      className={`item-icon item-${id}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      {paths[id] ?? <circle cx="12" cy="12" r="8" fill="currentColor" />}
    </svg>
  );
}
