import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Icon } from "./Icon";

/**
 * The header's "My area" disclosure: a native `<details>`/`<summary>`, so it opens and closes
 * without JavaScript (Enter/Space or a click on the summary; the browser exposes it as expanded or
 * collapsed). Once hydrated it also closes with Escape (focus back on the toggle), when the focus
 * or a click goes elsewhere, and after every navigation.
 */
export function MyAreaMenu({ label, current, children }: { label: string; current: boolean; children: ReactNode }) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  const lastKey = useRef(location.key);
  // Marks the menu once the keyboard and navigation handlers are attached (the tests wait for it).
  const [enhanced, setEnhanced] = useState(false);

  // Close after a client-side navigation (not on the first render: a menu opened before hydration stays open).
  useEffect(() => {
    if (lastKey.current === location.key) return;
    lastKey.current = location.key;
    if (detailsRef.current) detailsRef.current.open = false;
  }, [location.key]);

  useEffect(() => {
    const details = detailsRef.current;
    if (!details) return;
    const summary = details.querySelector("summary");
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      const focusWasInside = details.contains(document.activeElement) || document.activeElement === document.body;
      details.open = false;
      if (focusWasInside) summary?.focus();
      event.preventDefault();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && !details.contains(event.target as Node)) details.open = false;
    };
    const onFocusOut = (event: FocusEvent) => {
      const next = event.relatedTarget as Node | null;
      if (details.open && next && !details.contains(next)) details.open = false;
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    details.addEventListener("focusout", onFocusOut);
    setEnhanced(true);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
      details.removeEventListener("focusout", onFocusOut);
    };
  }, []);

  return (
    <details ref={detailsRef} className="vc-my-area" data-enhanced={enhanced ? "" : undefined}>
      <summary className={current ? "vc-my-area-current" : undefined}>
        {label}
        <Icon name="it-expand" size="sm" className="vc-my-area-chevron" />
      </summary>
      <ul className="vc-my-area-panel">{children}</ul>
    </details>
  );
}
