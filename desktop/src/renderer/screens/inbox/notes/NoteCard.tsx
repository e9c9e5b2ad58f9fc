/** An internal note in the thread: who wrote it and when, its text, who it told, and delete for who may. */
import type { ChatNoteView } from '@switchboard/shared';
import { memo } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { IconButton } from '../../../ui/Button.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { formatText } from '../thread/formatText.tsx';

/** Props of NoteCard. */
export interface NoteCardProps {
  note: ChatNoteView;
  /** Set when the user may delete it (their own, or with `delete Message`). */
  onDelete: ((note: ChatNoteView) => void) | undefined;
}

/** A note card. */
export const NoteCard = memo(function NoteCard({ note, onDelete }: NoteCardProps) {
  const { t, fmt } = useI18n();
  return (
    <div className="note" data-note={note.id}>
      <div className="note-card">
        <div className="note-head">
          <Icon name="lock" size={13} />
          <span className="note-label">{t('notes.label')}</span>
          <span className="note-author">{note.author.name}</span>
          <time dateTime={note.createdAt} title={fmt.dateTime(note.createdAt)}>
            {fmt.time(note.createdAt).slice(0, 5)}
          </time>
          {onDelete && <IconButton icon="trash" size="sm" label={t('notes.delete')} onClick={() => onDelete(note)} />}
        </div>
        <p className="note-text">{formatText(note.text)}</p>
        {note.mentions.length > 0 && (
          <p className="note-mentions">
            <Icon name="bell" size={12} /> {t('notes.mentioned', { names: note.mentions.map((m) => m.name).join(', ') })}
          </p>
        )}
      </div>
    </div>
  );
});
