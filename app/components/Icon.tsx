/** A Bootstrap Italia sprite icon. Decorative: the text next to it carries the meaning. */
export function Icon({ name, className = "", size }: { name: string; className?: string; size?: "xs" | "sm" | "lg" }) {
  const classes = ["icon", size ? `icon-${size}` : "", className].filter(Boolean).join(" ");
  return (
    <svg className={classes} aria-hidden="true" focusable="false">
      <use href={`/vendor/bootstrap-italia/svg/sprites.svg#${name}`} />
    </svg>
  );
}
