/**
 * Manage quick replies: the user's own, and shared ones for those allowed to share (supervisors).
 * A reply may carry a file (a price list, a catalogue photo) that is attached to the reply box
 * when the reply is picked; it is uploaded once the reply is saved.
 */
import type { CannedReplyView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { on } from '../../auth/ability.ts';
import { useAbility, useApi } from '../../auth/AuthProvider.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Button, IconButton } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { EmptyState } from '../../ui/Feedback.tsx';
import { FileField } from '../../ui/FileField.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { Badge } from '../../ui/StatusBadge.tsx';
import { useToast } from '../../ui/Toasts.tsx';
import { errorText, fieldErrors } from '../../ui/errors.ts';
import { inboxApi } from './inboxApi.ts';

/** The dialog; `list` is reloaded by the caller through `onChanged`. */
export function CannedRepliesDialog({ open, onClose, list, onChanged }: { open: boolean; onClose(): void; list: CannedReplyView[]; onChanged(): void }) {
  const { t, fmt } = useI18n();
  const api = inboxApi(useApi());
  const ability = useAbility();
  const toast = useToast();
  const [editing, setEditing] = useState<CannedReplyView | 'new' | null>(null);
  const [shortcut, setShortcut] = useState('');
  const [text, setText] = useState('');
  const [shared, setShared] = useState(false);
  /** A file picked to go with the reply (uploaded on save), or `'remove'` to drop the one it has. */
  const [file, setFile] = useState<File | 'remove' | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const canShare = ability.can('create', on('CannedReply', { ownerId: null }));

  const start = (c: CannedReplyView | 'new') => {
    setEditing(c);
    setShortcut(c === 'new' ? '' : c.shortcut);
    setText(c === 'new' ? '' : c.text);
    setShared(c === 'new' ? false : c.shared);
    setFile(null);
    setErrors({});
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { shortcut: shortcut.trim().replace(/^\//, ''), text, ...(canShare ? { shared } : {}) };
      const saved = editing === 'new' ? await api.createCanned(body) : editing ? await api.updateCanned(editing.id, body) : null;
      if (saved) await saveFile(saved);
      toast.success(t('canned.saved'));
      setEditing(null);
      onChanged();
    } catch (err) {
      setErrors(fieldErrors(err));
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  /** The reply's file change, after the reply itself was saved (a refusal keeps the reply, and says so). */
  const saveFile = async (saved: CannedReplyView) => {
    try {
      if (file instanceof File) await api.attachCanned(saved.id, file);
      else if (file === 'remove' && saved.file) await api.detachCanned(saved.id);
    } catch (err) {
      toast.error(t('canned.fileSaveFailed', { reason: errorText(err, t) }));
    }
  };
  const current = file instanceof File ? { name: file.name, size: file.size } : file === null && editing && editing !== 'new' && editing.file ? { name: editing.file.fileName, size: editing.file.size } : null;

  const remove = async (c: CannedReplyView) => {
    try {
      await api.deleteCanned(c.id);
      toast.success(t('canned.deleted'));
      onChanged();
    } catch (err) {
      toast.error(errorText(err, t));
    }
  };

  return (
    <Dialog open={open} onClose={onClose} title={t('canned.title')} size="md">
      {editing ? (
        <form className="form" onSubmit={save}>
          <TextField label={t('canned.shortcut')} hint={t('canned.shortcutHint')} required autoFocus maxLength={33} value={shortcut} onChange={(e) => setShortcut(e.target.value.toLowerCase())} error={errors.shortcut} />
          <TextAreaField label={t('canned.text')} hint={t('canned.textHint')} required rows={4} maxLength={4096} value={text} onChange={(e) => setText(e.target.value)} error={errors.text} />
          <FileField title={t('canned.file')} current={current} attachLabel={t('canned.attach')} removeLabel={t('canned.removeFile')} hint={t('canned.fileHint')} onPick={setFile} onRemove={() => setFile('remove')} />
          {canShare && <CheckboxField label={t('canned.shared')} checked={shared} onChange={(e) => setShared(e.target.checked)} />}
          <div className="dialog-inline-actions">
            <Button onClick={() => setEditing(null)}>{t('action.cancel')}</Button>
            <Button type="submit" variant="primary" busy={busy} disabled={!shortcut.trim() || !text.trim()}>
              {t('action.save')}
            </Button>
          </div>
        </form>
      ) : (
        <>
          {list.length === 0 ? (
            <EmptyState icon="message" title={t('canned.empty')} />
          ) : (
            <ul className="canned-manage">
              {list.map((c) => {
                const mine = ability.can('update', on('CannedReply', { ownerId: c.ownerId }));
                return (
                  <li key={c.id}>
                    <div>
                      <span className="mono">/{c.shortcut}</span> <Badge tone={c.shared ? 'info' : 'neutral'}>{c.shared ? t('canned.shared') : t('canned.mine')}</Badge>
                      <p className="canned-text">{c.text}</p>
                      {c.file && (
                        <p className="canned-file faint">
                          <Icon name="paperclip" size={13} /> {c.file.fileName} · {fmt.bytes(c.file.size)}
                        </p>
                      )}
                    </div>
                    {mine && (
                      <div className="canned-actions">
                        <IconButton icon="edit" size="sm" label={`${t('action.edit')} /${c.shortcut}`} onClick={() => start(c)} />
                        <IconButton icon="trash" size="sm" label={`${t('action.delete')} /${c.shortcut}`} onClick={() => void remove(c)} />
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {ability.can('create', 'CannedReply') && (
            <Button variant="primary" icon="plus" onClick={() => start('new')}>
              {t('canned.new')}
            </Button>
          )}
        </>
      )}
    </Dialog>
  );
}
