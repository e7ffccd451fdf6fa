import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * The screen's title, focused when the screen opens so screen readers announce the new page
 * after in-app navigation; the document title follows.
 */
export function PageHead(props: { title: string; children?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Rapport`;
    if (document.activeElement && document.activeElement !== document.body) ref.current?.focus();
  }, [props.title]);
  return (
    <header class="page-head">
      <h1 ref={ref} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </header>
  );
}
