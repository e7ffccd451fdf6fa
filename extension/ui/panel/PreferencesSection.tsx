// The side panel's greetings and preferences of a contact: the card's Preferences component, saved
// through the background (contact.update).
import type { Contact } from '@rapport/shared/schemas/contact';
import { send } from '../../messaging/client.ts';
import { type PreferenceChanges, Preferences } from '../card/Preferences.tsx';
import { ErrorNote } from '../components/chips.tsx';
import { useUi } from '../context.ts';
import { useAction } from '../hooks/use-action.ts';

export function PreferencesSection({ contact, today }: { contact: Contact; today: string }) {
  const { t, lang } = useUi();
  const [save, state] = useAction((changes: PreferenceChanges) =>
    send({ type: 'contact.update', id: contact.id, changes }).then(() => t('prefs.saved')),
  );
  return (
    <div class="card prefs-card">
      <Preferences
        contact={contact}
        today={today}
        t={t}
        lang={lang}
        busy={state.busy}
        disabled={false}
        save={save}
      />
      <ErrorNote message={state.error} />
      {state.done ? (
        <p class="ok small" role="status">
          {state.done}
        </p>
      ) : null}
    </div>
  );
}
