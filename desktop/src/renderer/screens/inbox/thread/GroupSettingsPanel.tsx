/**
 * *Ajustes del grupo* in *Datos del grupo*: who may send, edit the group's info and add members,
 * and whether an admin approves new members. Users who may change the group turn each setting on
 * or off when the account is a group admin (saved on WhatsApp at once, which tells every member);
 * everyone else reads them.
 */
import { GROUP_SETTINGS, type GroupInfoView, type GroupSetting } from '@switchboard/shared';
import { useState } from 'react';
import { useApi } from '../../../auth/AuthProvider.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { Notice } from '../../../ui/Feedback.tsx';
import { CheckboxField } from '../../../ui/Field.tsx';
import { useToast } from '../../../ui/Toasts.tsx';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { inboxApi } from '../inboxApi.ts';

const LABELS = {
  sendAdminsOnly: { toggle: 'groupSettings.sendAdminsOnly', hint: 'groupSettings.sendAdminsOnlyHint', reads: 'groupSettings.send' },
  infoAdminsOnly: { toggle: 'groupSettings.infoAdminsOnly', hint: 'groupSettings.infoAdminsOnlyHint', reads: 'groupSettings.edit' },
  addAdminsOnly: { toggle: 'groupSettings.addAdminsOnly', hint: null, reads: 'groupSettings.add' },
  approveNewMembers: { toggle: 'groupSettings.approveNewMembers', hint: 'groupSettings.approveNewMembersHint', reads: 'groupSettings.approve' },
} as const satisfies Record<GroupSetting, unknown>;

/** `canChange`: the user may change the group and the account is an admin; `blocked`: the user may, the account may not. */
export function GroupSettingsPanel({ group: g, canChange, blocked, onSaved }: { group: GroupInfoView; canChange: boolean; blocked: boolean; onSaved(g: GroupInfoView): void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="group-settings">
      <h3 id="group-settings">{t('groupSettings.title')}</h3>
      {canChange ? <SettingToggles group={g} onSaved={onSaved} /> : <SettingValues group={g} />}
      {blocked && <p className="faint">{t('groupSettings.blocked')}</p>}
    </section>
  );
}

/** The settings as they are, for users who cannot change them. */
function SettingValues({ group: g }: { group: GroupInfoView }) {
  const { t } = useI18n();
  const value = (setting: GroupSetting) => {
    if (setting === 'approveNewMembers') return t(g.approveNewMembers ? 'groupSettings.on' : 'groupSettings.off');
    return t(g[setting] ? 'groupSettings.adminsOnly' : 'groupSettings.everyone');
  };
  return (
    <dl className="group-settings-values">
      {GROUP_SETTINGS.map((setting) => (
        <div key={setting}>
          <dt>{t(LABELS[setting].reads)}</dt>
          <dd>{value(setting)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One checkbox per setting, each saved on WhatsApp as soon as it changes (one at a time; the others wait). */
function SettingToggles({ group: g, onSaved }: { group: GroupInfoView; onSaved(g: GroupInfoView): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const submit = useSubmit(t);
  // The box shows the new value while WhatsApp is asked; a refusal puts it back.
  const [saving, setSaving] = useState<{ setting: GroupSetting; on: boolean } | null>(null);
  const change = (setting: GroupSetting, on: boolean) => {
    setSaving({ setting, on });
    void submit
      .run(async () => {
        onSaved(await inboxApi(api).groupSettings(g.sessionId, g.chatId, { [setting]: on }));
        toast.success(t('groupSettings.saved'));
      })
      .finally(() => setSaving(null));
  };
  return (
    <div className="group-settings">
      {GROUP_SETTINGS.map((setting) => {
        const hint = LABELS[setting].hint;
        return (
          <CheckboxField
            key={setting}
            label={t(LABELS[setting].toggle)}
            {...(hint ? { hint: t(hint) } : {})}
            checked={saving?.setting === setting ? saving.on : g[setting]}
            disabled={saving !== null}
            aria-busy={saving?.setting === setting || undefined}
            onChange={(e) => change(setting, e.target.checked)}
          />
        );
      })}
      {submit.error && <Notice kind="danger">{submit.error}</Notice>}
    </div>
  );
}
