/**
 * The team most inbox scenarios need: Elena, an employee, and Sofía, a supervisor — created
 * through the API by the administrator, their temporary passwords replaced (sign in with
 * `password`), and a customer's chat assigned to Elena once its first message is stored.
 */
import { expect } from 'vitest';
import type { System } from './system.ts';

/** A person of the team: how to sign in as them, and their id. */
export interface Member {
  id: string;
  name: string;
  email: string;
  /** Their own password (the temporary one already replaced). */
  password: string;
}

const PEOPLE = {
  elena: { name: 'Elena Ruiz', email: 'elena@e2e.test', password: 'Elena-temporal-1', role: 'employee' },
  sofia: { name: 'Sofía Marín', email: 'sofia@e2e.test', password: 'Sofia-temporal-1', role: 'supervisor' },
} as const;

/** Creates Elena and Sofía. */
export async function addTeam(sys: System, adminToken: string): Promise<Record<keyof typeof PEOPLE, Member>> {
  const out = {} as Record<keyof typeof PEOPLE, Member>;
  for (const [key, p] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, (typeof PEOPLE)[keyof typeof PEOPLE]][]) {
    const res = await sys.api('POST', '/api/users', adminToken, p);
    expect(res.status).toBe(201);
    await sys.token(p.email, p.password);
    out[key] = { id: res.body.id, name: p.name, email: p.email, password: `${p.password}-own` };
  }
  return out;
}

/** A customer writes to the session; once stored, their chat is assigned to `userId`. */
export async function customerAssignedTo(sys: System, adminToken: string, s: { sessionId: string; phone: string; customer: string; text: string; userId: string }): Promise<void> {
  const chatId = `${s.customer}@s.whatsapp.net`;
  await sys.sim.contactSend(s.customer, { to: s.phone, text: s.text });
  await sys.waitFor((e) => e.type === 'message' && e.message.chatId === chatId);
  expect((await sys.api('POST', `/api/sessions/${s.sessionId}/assignments`, adminToken, { chatId, userId: s.userId })).status).toBe(201);
}
