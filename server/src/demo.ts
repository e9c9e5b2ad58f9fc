/**
 * `pnpm demo`: the whole system wired to the WhatsApp simulator. Starts a simulator (state in
 * DATA_DIR/wa-sim, so pairings survive restarts), the node (database, supervisor, gateway,
 * scheduler) pointed at it, one demo session linked by a simulated phone, a few simulated
 * contacts that write now and then, and a group of two of them with the phone. Prints the console URL, the admin login and how to link
 * more sessions. CLI: writes to stdout on purpose.
 */
import { join, resolve } from 'node:path';
import { buildVCard, labelKey, type HubEvent, type LabelColor } from '@switchboard/shared';
import { Chat, generatedPasswordNotice, Label, loadDotenv, Session } from '@switchboard/shared/node';
import { endCall, requestToJoin, startCall, startSimulator, type ContactSendInput, type Simulator } from '@switchboard/wa-sim';
import { ensureDemoEmployee } from './demoEmployee.ts';
import { startNode, type RunningNode } from './main.ts';
import { onSignals } from './shutdown.ts';

const DEMO_SESSION = 'demo';
const DEMO_PHONE = '34600000001';
/** A line of a contact's conversation: words, or anything a contact sends (Mateo shares his friend's contact card). */
type Line = string | Omit<ContactSendInput, 'to'>;

/** Tomorrow at this hour and minute (the demo's machine time), in ms. */
function tomorrowAt(hour: number, minute = 0): number {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(hour, minute, 0, 0);
  return d.getTime();
}

/** Each contact writes its own conversation, a line at a time (then starts over). */
const CONTACTS: { phone: string; name: string; script: Line[] }[] = [
  {
    phone: '34611111111',
    name: 'Lucía',
    script: [
      'Hola, ¿está abierto hoy?',
      '¿Hasta qué hora?',
      'Perfecto, paso por la tarde',
      // A WhatsApp event: the inbox shows its day and place, and adds it to a calendar.
      { event: { name: 'Recogida del pedido', description: 'Si me retraso, os escribo', startAt: tomorrowAt(18), endAt: tomorrowAt(18) + 30 * 60_000, place: { name: 'Tienda Centro', address: 'Calle Mayor 3, Madrid' } } },
      '¿Puedo pagar con tarjeta?',
      '¡Gracias!',
    ],
  },
  {
    phone: '34622222222',
    name: 'Mateo',
    script: ['Hi! Is my order ready?', 'It was order #4521', 'Can a friend pick it up for me?', { contacts: [{ displayName: 'Liam Smith', vcard: buildVCard({ name: 'Liam Smith', phone: '447700900123' }) }] }, 'Great, thanks a lot!'],
  },
  {
    phone: '34633333333',
    name: 'Valentina',
    script: ['¿Tienen envío a domicilio?', 'Vivo en Chamberí, Madrid', '¿Cuánto cuesta el envío?', 'Vale, lo pido ahora', 'Muchas gracias 😊'],
  },
];

/** What a contact sends for a line of its script. */
const lineOf = (line: Line): Omit<ContactSendInput, 'to'> => (typeof line === 'string' ? { text: line } : line);

/** A group the demo phone is in (Valentina made it), so the inbox shows a group with its members and mentions. */
const GROUP = {
  subject: 'Vecinos de Chamberí',
  description: 'Pedidos y avisos del barrio. *Envíos los martes y jueves.*',
  creator: CONTACTS[2]!.phone,
  members: [CONTACTS[2]!.phone, CONTACTS[0]!.phone, DEMO_PHONE],
  /** Its first message: Valentina mentions Lucía (`@<number>` and the mention, as WhatsApp writes it). */
  first: { text: `@${CONTACTS[0]!.phone} ¿tú también pides el martes? Así juntamos el envío 🙂`, mentions: [CONTACTS[0]!.phone] },
};

/**
 * The demo group's JID, created in the simulator the first time (its groups are kept in DATA_DIR).
 * The demo phone is one of its admins, so *Datos del grupo* lets a supervisor add and remove members,
 * change its settings and answer requests to join.
 */
function demoGroup(sim: Simulator): string {
  // Found by who made it, not its subject: the team may rename it from the inbox.
  const known = [...sim.groups.byId.values()].find((g) => g.creator === GROUP.creator && g.members.includes(DEMO_PHONE));
  const group = known ?? sim.groups.get(sim.createGroup({ subject: GROUP.subject, description: GROUP.description, creator: GROUP.creator, members: GROUP.members }).jid);
  group.admins.add(DEMO_PHONE);
  // New members need an admin's approval (Mateo asks once the group's chat starts: firstWords).
  if (!known) group.settings.approval = true;
  return group.jid;
}

/** Labels a team would start with, so the inbox's label picker is not empty in the demo. */
const LABELS: { name: string; color: LabelColor }[] = [
  { name: 'Urgente', color: 'red' },
  { name: 'Pago pendiente', color: 'yellow' },
  { name: 'Envío', color: 'blue' },
  { name: 'VIP', color: 'purple' },
];

/** Creates the demo labels when the team has none yet. */
async function ensureDemoLabels(): Promise<void> {
  if (await Label.exists({})) return;
  await Label.insertMany(LABELS.map((l) => ({ ...l, key: labelKey(l.name) })));
}

/**
 * Scans every QR of the demo session with the simulated phone. The simulator keeps its phones
 * in memory, so after a demo restart the old pairing is unknown (logged out): start again.
 */
function autoLink(node: RunningNode, sim: Simulator): () => void {
  return node.supervisor.hub.subscribe((e: HubEvent) => {
    if (e.sessionId !== DEMO_SESSION) return;
    if (e.type === 'qr') sim.scanQr(DEMO_PHONE, e.qr).catch((err: unknown) => node.logger.warn({ err }, 'demo phone could not scan the QR'));
    if (e.type === 'actor-exit' && e.exit === 'logged_out') void node.supervisor.start(DEMO_SESSION).catch(() => undefined);
  });
}

/**
 * Once the demo session is connected, every contact without a chat yet writes its first line, so
 * the inbox (and the demo employee's, assigned to Lucía) is not empty while the chatter waits.
 */
function firstWords(node: RunningNode, sim: Simulator, group: string): () => void {
  let done = false;
  const greet = (): void => {
    if (done) return;
    done = true;
    void (async () => {
      for (const contact of CONTACTS) {
        if (await Chat.exists({ sessionId: DEMO_SESSION, jid: `${contact.phone}@s.whatsapp.net` })) continue;
        await sim.contactSend(contact.phone, { to: DEMO_PHONE, ...lineOf(contact.script[0]!) });
        // Valentina also calls, and nobody picks up (it rings 15 s): the thread shows *Llamada de voz perdida*.
        if (contact === CONTACTS[2]) {
          const { callId } = startCall(sim, contact.phone, DEMO_PHONE);
          setTimeout(() => endCall(sim, callId, 'timeout'), 15_000).unref();
        }
      }
      if (!(await Chat.exists({ sessionId: DEMO_SESSION, jid: group }))) {
        await sim.contactSendToGroup(GROUP.creator, group, GROUP.first);
        // Valentina asks the group which day; Lucía votes (the poll counts it in the thread).
        const { id: poll } = await sim.contactSendToGroup(GROUP.creator, group, { poll: { name: '¿Qué día pedimos juntos?', options: ['Martes', 'Jueves'] } });
        await sim.contactSendToGroup(CONTACTS[0]!.phone, group, { pollVote: { pollId: poll, creator: GROUP.creator, options: ['Martes'] } });
        // Valentina plans the neighbours' tasting; Lucía will come, with a friend (the event counts her).
        const { id: tasting } = await sim.contactSendToGroup(GROUP.creator, group, { event: { name: 'Cata en la tienda', startAt: tomorrowAt(19), endAt: tomorrowAt(20), place: { name: 'Tienda Centro', address: 'Calle Mayor 3, Madrid' } } });
        await sim.contactSendToGroup(CONTACTS[0]!.phone, group, { eventResponse: { eventId: tasting, creator: GROUP.creator, answer: 'going', extraGuests: 1 } });
        // Then she moves it half an hour later: the card shows the new time, marked edited, and Lucía's answer stays.
        await sim.contactSendToGroup(GROUP.creator, group, { eventEdit: { eventId: tasting, creator: GROUP.creator, event: { name: 'Cata en la tienda', startAt: tomorrowAt(19, 30), endAt: tomorrowAt(20, 30), place: { name: 'Tienda Centro', address: 'Calle Mayor 3, Madrid' } } } });
        // Mateo asks to join with the link: *Solicitudes para unirse* has him for a supervisor.
        requestToJoin(sim, group, CONTACTS[1]!.phone);
      }
    })().catch((err: unknown) => node.logger.debug({ err }, 'demo contacts could not write their first lines'));
  };
  const stop = node.supervisor.hub.subscribe((e: HubEvent) => {
    if (e.sessionId === DEMO_SESSION && e.type === 'connection-state' && e.status === 'connected') greet();
  });
  // A restored session may have connected before this subscription.
  void Session.exists({ sessionId: DEMO_SESSION, status: 'connected' }).then((connected) => connected && greet(), () => undefined);
  return stop;
}

/** Every 20–40 s a random contact writes the next line of its conversation (its first was `firstWords`). */
function chatter(node: RunningNode, sim: Simulator): () => void {
  let timer: NodeJS.Timeout;
  const said = CONTACTS.map(() => 1);
  const next = (): void => {
    timer = setTimeout(() => {
      const i = Math.floor(Math.random() * CONTACTS.length);
      const contact = CONTACTS[i]!;
      const line = contact.script[said[i]! % contact.script.length]!;
      said[i]! += 1;
      sim.contactSend(contact.phone, { to: DEMO_PHONE, ...lineOf(line) }).catch((err: unknown) => node.logger.debug({ err }, 'demo contact could not write'));
      next();
    }, 20_000 + Math.random() * 20_000);
  };
  next();
  return () => clearTimeout(timer);
}

async function main(): Promise<void> {
  loadDotenv();
  const dataDir = resolve(process.env.DATA_DIR ?? './data-demo');
  // A real phone sends a history bootstrap to a new companion; without it Baileys waits 20 s.
  const sim = await startSimulator({ dataDir: join(dataDir, 'wa-sim'), historySync: true });
  const env = {
    NODE_ENV: 'development',
    ...process.env,
    DATA_DIR: dataDir,
    WA_WEBSOCKET_URL: sim.wsUrl,
    WA_TRUST_ROOT: sim.trustRootHex,
    WA_CA_CERT: sim.caCertPath,
  };
  let password: string | undefined;
  let node: RunningNode;
  try {
    node = await startNode({ env, onAdminPassword: (_email, pw) => (password = pw) });
  } catch (err) {
    await sim.stop();
    process.stderr.write(`The demo could not start / La demo no pudo arrancar:\n${(err as Error).message}\n`);
    process.exit(1);
  }
  if (!sim.phones.has(DEMO_PHONE)) sim.createPhone({ phone: DEMO_PHONE, name: 'Demo phone' });
  for (const c of CONTACTS) if (!sim.contacts.has(c.phone)) sim.createContact({ phone: c.phone, name: c.name });
  const stopLink = autoLink(node, sim);
  const stopGreeting = firstWords(node, sim, demoGroup(sim));
  if (!(await Session.exists({ sessionId: DEMO_SESSION }))) await Session.create({ sessionId: DEMO_SESSION, name: 'Demo' });
  const demo = await Session.findOne({ sessionId: DEMO_SESSION }, { status: 1 }).lean();
  if (demo && ['created', 'logged_out', 'stopped'].includes(demo.status)) await node.supervisor.start(DEMO_SESSION);
  const stopChatter = chatter(node, sim);
  const employee = await ensureDemoEmployee(DEMO_SESSION, `${CONTACTS[0]!.phone}@s.whatsapp.net`);
  await ensureDemoLabels();

  const out = [
    '',
    'Switchboard demo is running / La demo de Switchboard está en marcha',
    `  Console / Consola:       ${node.gateway.url}`,
    `  Admin:                   ${node.config.ADMIN_EMAIL}`,
    password ? generatedPasswordNotice(node.config.ADMIN_EMAIL, password) : '  Password / Contraseña:  the one printed on the first run (or ADMIN_PASSWORD)',
    `  Employee / Empleado:     ${employee.email}  (inbox with ${CONTACTS[0]!.name}'s chat / bandeja con el chat de ${CONTACTS[0]!.name})`,
    employee.password ? `  Employee password / Contraseña del empleado: ${employee.password}  (shown once / se muestra una vez)` : '  Employee password / Contraseña del empleado: the one printed on the first run',
    `  WhatsApp simulator:      ${sim.controlUrl}  (phone ${DEMO_PHONE} is linked to session "${DEMO_SESSION}")`,
    '  Link another session / Vincular otra sesión: create it in the console, copy its QR, then',
    `    curl -X POST ${sim.controlUrl}/phones -d '{"phone":"34600000002"}'`,
    `    curl -X POST ${sim.controlUrl}/phones/34600000002/link -d '{"qr":"<QR text>"}'`,
    `  Contacts write now and then: ${CONTACTS.map((c) => `${c.name} (${c.phone})`).join(', ')}`,
    '  A contact calls / Un contacto llama (then end it with {"how":"timeout"}, "accept" or "reject"):',
    `    curl -X POST ${sim.controlUrl}/contacts/${CONTACTS[0]!.phone}/calls -d '{"to":"${DEMO_PHONE}"}'`,
    `    curl -X POST ${sim.controlUrl}/calls/<callId>/end -d '{"how":"timeout"}'`,
    '  Ctrl+C stops everything / Ctrl+C lo detiene todo.',
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  onSignals(async (reason) => {
    stopChatter();
    stopLink();
    stopGreeting();
    await node.shutdown(reason);
    await sim.stop();
  });
}

await main();
