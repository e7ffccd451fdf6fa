import type { ComponentChildren } from 'preact';
import { navigate } from '../route.ts';

/** An ordinary link (new tab, copy address work) that navigates in-app on a plain click. */
export function Link(props: {
  href: string;
  class?: string;
  current?: boolean;
  children: ComponentChildren;
}) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
