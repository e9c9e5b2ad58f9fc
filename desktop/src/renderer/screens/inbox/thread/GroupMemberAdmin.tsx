/**
 * Changing a group's members from *Datos del grupo*, as an admin does on the phone (the account
 * must be a group admin): *Añadir miembros* by number, several at once, with what WhatsApp
 * answered for each (added, already in it, only by invitation…), and per member *Hacer admin del
 * grupo* / *Quitar como admin* / *Eliminar del grupo* (asked first). WhatsApp tells every member,
 * and the thread shows each change on a line of its own.
 */
import type { GroupInfoView, GroupMemberAction, GroupMembersChangeView, GroupMemberView } from '@switchboard/shared';
import { useState, type FormEvent } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Button } from '../../../ui/Button.tsx';
import { ConfirmDialog } from '../../../ui/Dialog.tsx';
import { TextAreaField } from '../../../ui/Field.tsx';
import { Icon } from '../../../ui/Icon.tsx';
import { MenuButton } from '../../../ui/Menu.tsx';
import { errorText } from '../../../ui/errors.ts';
import { useToast } from '../../../ui/Toasts.tsx';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { inboxApi } from '../inboxApi.ts';
import { displayPhone } from '../model/keys.ts';
import { accountIsAdmin, numbersFrom } from './groupAdmin.ts';

type T = ReturnType<typeof useI18n>['t'];
type Result = GroupMembersChangeView['results'][number];

/** One member's outcome in words: *Carmen Ruiz es ahora admin del grupo*, *+34 611 40 00 04 solo acepta…*. */
export function outcomeText(t: T, action: GroupMemberAction, r: Result, who: string): string {
  return r.outcome === 'done' ? t(`group.outcome.${action}`, { who }) : t(`group.outcome.${r.outcome}`, { who });
}

/** A member as the results name them: by name when the group knows it, else by number. */
function whoOf(group: GroupInfoView, r: Result): string {
  return group.members.find((m) => m.member === r.member)?.name ?? displayPhone(r.phone) ?? r.member;
}

/** *Añadir miembros*: the form (opened from the members' heading); the outcome of the last add stays below it. */
export function AddMembersForm({ group, onChanged, onClose }: { group: GroupInfoView; onChanged(g: GroupInfoView): void; onClose(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const submit = useSubmit(t);
  const [text, setText] = useState('');
  const [results, setResults] = useState<{ text: string; ok: boolean }[]>([]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const numbers = numbersFrom(text);
    if (!numbers.length) return;
    void submit.run(async () => {
      const change = await inboxApi(api).groupMembers(group.sessionId, group.chatId, 'add', numbers);
      onChanged(change.group);
      setResults(change.results.map((r) => ({ text: outcomeText(t, 'add', r, whoOf(change.group, r)), ok: r.outcome === 'done' })));
      // Numbers WhatsApp did not take stay in the box, to correct or try again.
      setText(change.results.filter((r) => r.outcome !== 'done' && r.outcome !== 'already_member').map((r) => displayPhone(r.phone) ?? r.member).join('\n'));
    });
  };
  return (
    <form className="group-add-form" onSubmit={onSubmit} aria-label={t('group.addMembers')}>
      <TextAreaField
        label={t('group.addNumbers')}
        hint={t('group.addHint')}
        value={text}
        rows={2}
        autoFocus
        error={submit.errors.members ?? submit.error ?? undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      />
      {results.length > 0 && (
        <div role="status">
          <ul className="group-add-results">
            {results.map((r) => (
              <li key={r.text} className={r.ok ? 'ok' : 'problem'}>
                <Icon name={r.ok ? 'check' : 'alert'} size={14} />
                {r.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {/* WhatsApp gives the invitation link to admins only. */}
      {accountIsAdmin(group) && <InviteLink group={group} />}
      <div className="dialog-inline-actions">
        <Button variant="ghost" onClick={onClose}>
          {t('action.close')}
        </Button>
        <Button type="submit" variant="primary" busy={submit.busy} disabled={!numbersFrom(text).length}>
          {t('group.add')}
        </Button>
      </div>
    </form>
  );
}

/** The ⋯ menu beside a member: make admin or dismiss as admin, and remove (asked first). */
export function MemberActions({ group, member, name, onChanged }: { group: GroupInfoView; member: GroupMemberView; name: string; onChanged(g: GroupInfoView): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (action: GroupMemberAction) => {
    setBusy(true);
    try {
      const change = await inboxApi(api).groupMembers(group.sessionId, group.chatId, action, [member.member]);
      onChanged(change.group);
      const [r] = change.results;
      if (r) (r.outcome === 'done' ? toast.success : toast.error)(outcomeText(t, action, r, name));
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  // The group's owner stays admin: WhatsApp does not let anyone dismiss or remove them.
  if (member.role === 'superadmin') return null;
  return (
    <>
      <MenuButton
        label={t('group.memberActions', { name })}
        icon="more"
        className="group-member-menu"
        items={[
          member.role ? { label: t('group.demote'), icon: 'shield', onSelect: () => void run('demote') } : { label: t('group.promote'), icon: 'shield', onSelect: () => void run('promote') },
          { label: t('group.remove'), icon: 'trash', danger: true, onSelect: () => setConfirming(true) },
        ]}
      />
      <ConfirmDialog
        open={confirming}
        title={t('group.removeTitle', { name })}
        body={t('group.removeBody', { subject: group.subject })}
        confirmLabel={t('group.remove')}
        danger
        busy={busy}
        onConfirm={() => void run('remove')}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

/** *Enlace de invitación*: for whoever only an invitation may add (or anyone): shown, and copied in one click. */
function InviteLink({ group }: { group: GroupInfoView }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = async () => {
    setBusy(true);
    try {
      setLink((await inboxApi(api).groupInviteLink(group.sessionId, group.chatId)).link);
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const copy = () => {
    void navigator.clipboard?.writeText(link ?? '').then(
      () => toast.success(t('group.linkCopied')),
      () => toast.error(t('contact.copyFailed')),
    );
  };
  if (!link) {
    return (
      <p className="faint group-invite">
        {t('group.inviteHint')}{' '}
        <Button size="sm" variant="ghost" icon="link" busy={busy} onClick={() => void show()}>
          {t('group.showLink')}
        </Button>
      </p>
    );
  }
  return (
    <div className="group-invite">
      <input className="input mono" readOnly value={link} aria-label={t('group.inviteLink')} onFocus={(e) => e.target.select()} />
      <Button size="sm" icon="copy" onClick={copy}>
        {t('contact.copy')}
      </Button>
    </div>
  );
}

/** *Salir del grupo* (asked first): the account leaves; the chat and its history stay. */
export function LeaveGroup({ group, onLeft }: { group: GroupInfoView; onLeft(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const leave = async () => {
    setBusy(true);
    try {
      await inboxApi(api).leaveGroup(group.sessionId, group.chatId);
      toast.success(t('group.left', { subject: group.subject }));
      onLeft();
    } catch (err) {
      toast.error(errorText(err, t));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <>
      <Button size="sm" variant="ghost" icon="logout" className="group-leave" onClick={() => setConfirming(true)}>
        {t('group.leave')}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t('group.leaveTitle', { subject: group.subject })}
        body={t('group.leaveBody')}
        confirmLabel={t('group.leave')}
        danger
        busy={busy}
        onConfirm={() => void leave()}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
