import { useLayoutEffect, useRef } from "react";

/**
 * A horizontal bar for a signed contribution or a share: its width is set through the CSS object
 * model (the page's CSP allows no style attributes), its value is text for screen readers.
 */
export function Bar({ value, max = 1, label, text }: { value: number; max?: number; label: string; text: string }) {
  const fill = useRef<HTMLSpanElement>(null);
  const share = max > 0 ? Math.min(1, Math.abs(value) / max) : 0;
  useLayoutEffect(() => {
    fill.current?.style.setProperty("--share", String(share));
  }, [share]);
  return (
    <span className="bar" role="img" aria-label={`${label}: ${text}`}>
      <span ref={fill} className={value < 0 ? "bar-fill negative" : "bar-fill"} />
    </span>
  );
}
