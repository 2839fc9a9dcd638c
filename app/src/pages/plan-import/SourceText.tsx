/** The document's text with what was read from it highlighted; the selected stretch is scrolled into view. */
import { useEffect, useMemo, useRef } from "react";
import { type Mark, segments } from "./model.ts";

export function SourceText({
  text,
  marks,
  active,
  onSelect,
  label,
}: {
  text: string;
  marks: Mark[];
  active: string | null;
  onSelect: (id: string) => void;
  label: string;
}) {
  const box = useRef<HTMLElement>(null);
  const parts = useMemo(() => segments(text, marks), [text, marks]);
  useEffect(() => {
    if (!active || !box.current) return;
    const el = box.current.querySelector(`[data-mark="${CSS.escape(active)}"]`);
    el?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [active]);
  return (
    // A scrollable region must be reachable by keyboard to be scrolled (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <section ref={box} className="import-source" aria-label={label} tabIndex={0}>
      {parts.map((p, i) =>
        p.mark ? (
          // Clicking a highlight is a shortcut; keyboard users reach the same item in the list beside it.
          // biome-ignore lint/a11y/useKeyWithClickEvents: see above
          <mark
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
            key={i}
            data-mark={p.mark.id}
            className={`import-mark import-mark-${p.mark.kind}${active === p.mark.id ? " import-mark-active" : ""}`}
            onClick={() => p.mark && onSelect(p.mark.id)}
          >
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={i}>{p.text}</span>
        ),
      )}
    </section>
  );
}
