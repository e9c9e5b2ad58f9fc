/**
 * A chat's labels: tick the team's labels on or off (saved at once, every console sees it);
 * users who may define labels also create one here (and it goes on the chat), rename or
 * recolour one, or delete one from every chat, after saying so.
 */
import { LABEL_COLORS, LABEL_NAME_MAX, type InboxChatView, type LabelColor, type LabelView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useAbility, useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { EmptyState } from '../../../ui/Feedback.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { errorText } from '../../../ui/errors.ts';
import { inboxApi } from '../inboxApi.ts';
import { useInbox } from '../InboxProvider.tsx';
import { chatKey } from '../model/keys.ts';

/** The dialog (closed when `chat` is null). */
export function LabelsDialog({ chat, title, onClose }: { chat: InboxChatView | null; title: string; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={chat !== null} onClose={onClose} title={t('labels.title', { name: title })} size="sm">
      {chat && <LabelsBody chat={chat} />}
    </Dialog>
  );
}

function LabelsBody({ chat }: { chat: InboxChatView }) {
  const { t } = useI18n();
  const inbox = useInbox();
  const rest = inboxApi(useApi());
  const ability = useAbility();
  const toast = useToast();
  const key = chatKey(chat.sessionId, chat.id);
  // Only labels that still exist: one deleted elsewhere may linger on the chat until the list reloads.
  const current = (inbox.state.chats.get(key)?.labels ?? chat.labels).filter((id) => inbox.labelsById.has(id));
  const [name, setName] = useState('');
  const [color, setColor] = useState<LabelColor>('blue');
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<LabelView | null>(null);
  const canCreate = ability.can('create', 'Label');
  const canDelete = ability.can('delete', 'Label');
  const canUpdate = ability.can('update', 'Label');
  const [editing, setEditing] = useState<{ id: string; name: string; color: LabelColor } | null>(null);

  const save = (ids: string[]) => inbox.setChatLabels(key, ids).catch((err: unknown) => toast.error(errorText(err, t)));
  const toggle = (id: string, on: boolean) => void save(on ? [...current, id] : current.filter((x) => x !== id));

  async function create(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      const label = await rest.createLabel(name, color);
      inbox.reloadLabels();
      await inbox.setChatLabels(key, [...current, label.id]);
      setName('');
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function saveEdit(e: FormEvent) {
    e.preventDefault();
    if (!editing || !editing.name.trim()) return;
    setBusy(true);
    try {
      await rest.updateLabel(editing.id, { name: editing.name, color: editing.color });
      inbox.reloadLabels();
      setEditing(null);
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function remove(label: LabelView) {
    setBusy(true);
    try {
      await rest.deleteLabel(label.id);
      inbox.reloadLabels();
      inbox.dispatch({ type: 'event/labels', sessionId: chat.sessionId, chatId: chat.id, labels: current.filter((x) => x !== label.id) });
      toast.success(t('labels.deleted', { name: label.name }));
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  }

  return (
    <div className="labels-dialog">
      {inbox.labels.length === 0 ? (
        <EmptyState icon="tag" title={t('labels.none.title')}>
          {canCreate ? t('labels.none.create') : t('labels.none.ask')}
        </EmptyState>
      ) : (
        <ul className="label-options" aria-label={t('labels.list')}>
          {inbox.labels.map((l) =>
            editing?.id === l.id ? (
              <li key={l.id}>
                <form className="label-edit" onSubmit={(e) => void saveEdit(e)}>
                  <div className="label-create-row">
                    <input className="input" aria-label={t('labels.rename', { name: l.name })} value={editing.name} maxLength={LABEL_NAME_MAX} onChange={(e) => setEditing({ ...editing, name: e.target.value })} autoFocus />
                    <Button type="submit" size="sm" variant="primary" disabled={busy || !editing.name.trim()}>
                      {t('action.save')}
                    </Button>
                    <Button size="sm" onClick={() => setEditing(null)}>
                      {t('action.cancel')}
                    </Button>
                  </div>
                  <ColorPicker value={editing.color} onChange={(color) => setEditing({ ...editing, color })} />
                </form>
              </li>
            ) : (
            <li key={l.id}>
              <label className="label-option">
                <input type="checkbox" checked={current.includes(l.id)} onChange={(e) => toggle(l.id, e.target.checked)} disabled={busy} />
                <span className="label-dot" data-color={l.color} aria-hidden="true" />
                <span className="label-option-name">{l.name}</span>
              </label>
              {canUpdate && <IconButton icon="edit" size="sm" label={t('labels.edit', { name: l.name })} onClick={() => setEditing({ id: l.id, name: l.name, color: l.color })} disabled={busy} />}
              {canDelete && <IconButton icon="trash" size="sm" label={t('labels.delete', { name: l.name })} onClick={() => setDeleting(l)} disabled={busy} />}
            </li>
            ),
          )}
        </ul>
      )}
      {deleting && (
        <div className="label-confirm" role="alert">
          <p>{t('labels.confirmDelete', { name: deleting.name })}</p>
          <div className="label-confirm-actions">
            <Button size="sm" onClick={() => setDeleting(null)}>
              {t('action.cancel')}
            </Button>
            <Button size="sm" variant="danger" onClick={() => void remove(deleting)} disabled={busy}>
              {t('labels.deleteEverywhere')}
            </Button>
          </div>
        </div>
      )}
      {canCreate && (
        <form className="label-create" onSubmit={(e) => void create(e)}>
          <label className="label-create-title" htmlFor="new-label">
            {t('labels.new')}
          </label>
          <div className="label-create-row">
            <input id="new-label" className="input" value={name} maxLength={LABEL_NAME_MAX} onChange={(e) => setName(e.target.value)} placeholder={t('labels.newPlaceholder')} />
            <Button type="submit" size="sm" icon="plus" disabled={busy || !name.trim()}>
              {t('labels.create')}
            </Button>
          </div>
          <ColorPicker value={color} onChange={setColor} />
        </form>
      )}
    </div>
  );
}

/** The colour swatches of a label (a radio group). */
function ColorPicker({ value, onChange }: { value: LabelColor; onChange(c: LabelColor): void }) {
  const { t } = useI18n();
  return (
    <div className="label-colors" role="radiogroup" aria-label={t('labels.color')}>
      {LABEL_COLORS.map((c) => (
        <button key={c} type="button" role="radio" aria-checked={value === c} aria-label={t(`labels.color.${c}`)} className="label-swatch" data-color={c} onClick={() => onChange(c)} />
      ))}
    </div>
  );
}
