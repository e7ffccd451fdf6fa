// One of the signed-in rep's open tasks (a lead assigned it in the dashboard) among the follow-ups: its
// title and note, the person it is about (opens their contact), its due day, and "Done", which ticks
// it through the background (offline-first, synced as task.upsert).
import type { TaskFollowUp } from '../../db/queries/tasks.ts';
import { send } from '../../messaging/client.ts';
import { ErrorNote, StatusDot } from '../components/chips.tsx';
import { useUi } from '../context.ts';
import { formatDay } from '../format.ts';
import { useAction } from '../hooks/use-action.ts';

export function TaskFollowUpRow({ item }: { item: TaskFollowUp }) {
  const { t, lang, navigate } = useUi();
  const { task } = item;
  const [done, state] = useAction(async () => {
    await send({ type: 'task.done', id: task.id, done: true });
    return t('task.doneSaved');
  });
  const body = (
    <>
      <span class="chip task">{t('task.title')}</span>
      <span class="person-main">
        <span class="person-name task-title">{task.title}</span>
        <span class="person-sub">
          {[item.contactName, item.customerName, formatDay(item.dueOn, lang)].filter(Boolean).join(' · ')}
          {task.note ? ` · ${task.note}` : ''}
        </span>
      </span>
      <StatusDot status={item.status} />
    </>
  );
  return (
    <li class="followup-row task-row">
      {task.contactId ? (
        <button
          type="button"
          class="person"
          onClick={() => navigate({ view: 'contact', id: task.contactId as string })}
        >
          {body}
        </button>
      ) : (
        <div class="person">{body}</div>
      )}
      <button
        type="button"
        class="small-button"
        disabled={state.busy}
        title={t('task.doneTitle', { title: task.title })}
        onClick={() => void done()}
      >
        {t('task.done')}
      </button>
      <ErrorNote message={state.error} />
    </li>
  );
}
