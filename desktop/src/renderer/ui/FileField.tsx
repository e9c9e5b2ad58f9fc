/** A field holding one file: its name and size with a remove button, or an attach button (a hidden file input). */
import { useRef } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Button, IconButton } from './Button.tsx';
import { Icon } from './Icon.tsx';

/** Props of FileField. */
export interface FileFieldProps {
  /** The field's title, if it has one. */
  title?: string;
  /** The file held (picked now, or already saved), or null. */
  current: { name: string; size: number } | null;
  attachLabel: string;
  removeLabel: string;
  hint: string;
  onPick(file: File | null): void;
  onRemove(): void;
}

/** The field. */
export function FileField({ title, current, attachLabel, removeLabel, hint, onPick, onRemove }: FileFieldProps) {
  const { fmt } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="field">
      {title && <span className="field-title">{title}</span>}
      {current ? (
        <div className="canned-file">
          <Icon name="paperclip" size={14} />
          <span>{current.name}</span>
          <span className="faint">{fmt.bytes(current.size)}</span>
          <IconButton icon="x" size="sm" label={removeLabel} onClick={onRemove} />
        </div>
      ) : (
        <Button size="sm" icon="paperclip" className="canned-attach" onClick={() => input.current?.click()}>
          {attachLabel}
        </Button>
      )}
      <input ref={input} type="file" hidden aria-label={attachLabel} onChange={(e) => onPick(e.target.files?.[0] ?? null)} />
      <p className="field-hint">{hint}</p>
    </div>
  );
}
