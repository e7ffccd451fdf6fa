// A person's or customer's interactions as the side panel lists them (contact timeline, quick lookup).
import type { Interaction } from '@rapport/shared/schemas/interaction';
import { useUi } from '../context.ts';
import { formatDateTime } from '../format.ts';

/** Newest first as given; `full` adds the channel where it says more than the kind, and the body. */
export function TimelineEvents({ items, full }: { items: Interaction[]; full: boolean }) {
  const { t, lang, ctx } = useUi();
  return (
    <ol class="timeline">
      {items.map((i) => (
        <li key={i.id} class={`event event-${i.direction}`}>
          <div class="event-head">
            <span class="event-kind">
              {i.direction === 'out' ? '↗' : '↙'} {t(`kind.${i.kind}`)}
              {!full || t(`channel.${i.channel}`) === t(`kind.${i.kind}`)
                ? ''
                : ` · ${t(`channel.${i.channel}`)}`}
            </span>
            <time dateTime={i.at}>{formatDateTime(i.at, lang, ctx.timeZone)}</time>
          </div>
          {i.subject ? <p class="event-subject">{i.subject}</p> : null}
          {i.summary ? <p class="event-summary">{i.summary}</p> : null}
          {full && i.body ? (
            <details>
              <summary>…</summary>
              <p class="event-body">{i.body}</p>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
