// Media-control glyphs as inline SVG (text glyphs like ⏮ render as emoji on some systems).
const PATHS = {
  start: "M5 4h2v12H5zM16 4v12L8 10z",
  back: "M14 4v12L6 10z",
  play: "M6 4v12l10-6z",
  pause: "M5 4h3.5v12H5zM11.5 4H15v12h-3.5z",
  forward: "M6 4v12l8-6z",
  end: "M13 4h2v12h-2zM4 4v12l8-6z",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg aria-hidden viewBox="0 0 20 20" width={16} height={16} fill="currentColor">
      <path d={PATHS[name]} />
    </svg>
  );
}
