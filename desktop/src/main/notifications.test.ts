import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createNotifier } from './notifications.ts';

class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static isSupported = () => FakeNotification.supported;
  show = vi.fn();
  close = vi.fn(() => this.emit('close'));
  constructor(readonly options: { title: string; body: string; silent: boolean }) {
    super();
    FakeNotification.instances.push(this);
  }
}

const setup = (inlineReply = false) => {
  FakeNotification.instances = [];
  const onClick = vi.fn();
  const onReply = vi.fn();
  const notifier = createNotifier({ Notification: FakeNotification as never, onClick, inlineReply, replyPlaceholder: 'Responder…', onReply });
  return { notifier, onClick, onReply };
};

describe('notifier', () => {
  it('shows a native notification with the title, body and silence requested', () => {
    const { notifier } = setup();
    notifier.show({ title: 'Ana', body: 'hola', tag: 'chat:1' });
    const [n] = FakeNotification.instances;
    expect(n!.options).toEqual({ title: 'Ana', body: 'hola', silent: false });
    expect(n!.show).toHaveBeenCalled();
  });

  it('replaces the notification with the same tag instead of stacking', () => {
    const { notifier } = setup();
    notifier.show({ title: 'Ana', body: '1 message', tag: 'chat:1' });
    notifier.show({ title: 'Ana', body: '2 messages', tag: 'chat:1' });
    notifier.show({ title: 'Luis', body: 'hey', tag: 'chat:2' });
    const [first, second, third] = FakeNotification.instances;
    expect(first!.close).toHaveBeenCalled();
    expect(second!.close).not.toHaveBeenCalled();
    expect(third!.close).not.toHaveBeenCalled();
    expect(notifier.size()).toBe(2);
  });

  it('opens the route when clicked, and forgets the notification', () => {
    const { notifier, onClick } = setup();
    notifier.show({ title: 'Ana', body: 'hola', tag: 'chat:1', route: '/inbox/v/1' });
    FakeNotification.instances[0]!.emit('click');
    expect(onClick).toHaveBeenCalledWith('/inbox/v/1');
    expect(notifier.size()).toBe(0);
  });

  it('offers an inline reply where the OS has one, for a notification that names its chat, and hands the text over once', () => {
    const { notifier, onReply } = setup(true);
    notifier.show({ title: 'Ana', body: 'hola', tag: 'chat:1', replyTo: 'v/1@s.whatsapp.net' });
    notifier.show({ title: 'Aviso', body: 'sin chat', tag: 'other' });
    const [chat, other] = FakeNotification.instances;
    expect(chat!.options).toMatchObject({ hasReply: true, replyPlaceholder: 'Responder…' });
    expect(other!.options).not.toHaveProperty('hasReply');
    chat!.emit('reply', {}, '   ');
    expect(onReply).not.toHaveBeenCalled();
    // The OS reporting the same answer twice sends it once.
    chat!.emit('reply', {}, 'Ya lo miro');
    chat!.emit('reply', {}, 'Ya lo miro');
    expect(onReply.mock.calls).toEqual([[{ replyTo: 'v/1@s.whatsapp.net', text: 'Ya lo miro' }]]);
    expect(notifier.size()).toBe(1);
  });

  it('offers no inline reply where the OS has none', () => {
    const { notifier } = setup(false);
    notifier.show({ title: 'Ana', body: 'hola', tag: 'chat:1', replyTo: 'v/1@s.whatsapp.net' });
    expect(FakeNotification.instances[0]!.options).not.toHaveProperty('hasReply');
  });

  it('does nothing where notifications are not supported', () => {
    const { notifier } = setup();
    FakeNotification.supported = false;
    notifier.show({ title: 'Ana', body: 'hola', tag: 'x' });
    FakeNotification.supported = true;
    expect(FakeNotification.instances).toEqual([]);
  });

  it('keeps a bounded number of notifications', () => {
    FakeNotification.instances = [];
    const notifier = createNotifier({ Notification: FakeNotification as never, onClick: vi.fn(), limit: 3 });
    for (let i = 0; i < 10; i++) notifier.show({ title: 't', body: 'b', tag: `t${i}` });
    expect(notifier.size()).toBe(3);
  });
});
