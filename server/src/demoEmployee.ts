/**
 * The demo's employee: one account with the employee role, assigned to the first demo contact's
 * chat, so `pnpm demo` shows the inbox as an employee sees it. Its password is generated on the
 * first run and printed once (no default secret); later runs keep the account as it is.
 */
import { Assignment, generatePassword, hashPassword, Role, User } from '@switchboard/shared/node';

/** What the demo prints about its employee. */
export interface DemoEmployee {
  email: string;
  /** Set only when the account was created now. */
  password?: string;
}

/** Creates the demo employee and its assignment when missing. */
export async function ensureDemoEmployee(sessionId: string, chatJid: string): Promise<DemoEmployee> {
  const email = 'empleado@demo.switchboard';
  const role = await Role.findOne({ name: 'employee' }, { _id: 1 }).lean();
  if (!role) return { email };
  let user = await User.findOne({ email }, { _id: 1 }).lean();
  let password: string | undefined;
  if (!user) {
    password = generatePassword(16);
    const created = await User.create({ name: 'Empleado Demo', email, passwordHash: await hashPassword(password), role: role._id, locale: 'es' });
    user = { _id: created._id };
  }
  if (!(await Assignment.exists({ sessionId, chatId: chatJid, userId: user._id }))) {
    await Assignment.create({ sessionId, chatId: chatJid, userId: user._id, note: 'demo' });
  }
  return password ? { email, password } : { email };
}
