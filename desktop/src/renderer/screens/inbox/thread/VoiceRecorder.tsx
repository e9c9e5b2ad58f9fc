/**
 * *Nota de voz*: the microphone button records a voice note in the browser (MediaRecorder: WebM or
 * MP4 with Opus/AAC, whatever it records), with the time running, *Descartar*, *Detener* (to
 * listen to it before it goes, then send or discard it) and *Enviar*. The
 * server stores it as WhatsApp plays voice notes (Opus in Ogg) and the session sends it as one;
 * it goes through the offline outbox like any reply. The contact sees "grabando audio…" while
 * it is recorded. A note stops at 15 minutes and is sent.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { Button, IconButton } from '../../../ui/Button.tsx';
import { useToast } from '../../../ui/Toasts.tsx';

/** The longest note. */
export const VOICE_MAX_MS = 15 * 60_000;

/** Containers the recorder is asked for, best first (the server converts any of them). */
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];

/** "0:07", "12:30". */
export function clockOf(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A file name for a note recorded as `type`. */
export function voiceFileName(type: string, at: Date): string {
  const ext = type.includes('ogg') ? 'ogg' : type.includes('mp4') ? 'm4a' : 'webm';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `nota-de-voz-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.${ext}`;
}

interface Recording {
  recorder: MediaRecorder;
  stream: MediaStream;
  chunks: Blob[];
  startedAt: number;
}

/** What the bar shows: a note being recorded, or one recorded and waiting to be heard and sent. */
export type VoiceState = 'recording' | 'review' | null;

/** A recorded note waiting in the bar. */
interface Recorded {
  file: File;
  url: string;
  ms: number;
}

/** The button, or the bar while a note is recorded or reviewed. */
export function VoiceRecorder({ onSend, onActive }: { onSend(file: File): void; onActive(state: VoiceState): void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [rec, setRec] = useState<Recording | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const current = useRef<Recording | null>(null);
  current.current = rec;

  /** Stops recording; the note is then sent, kept to be heard (`review`), or dropped, once the recorder has flushed it. */
  const finish = (then: 'send' | 'review' | 'discard') => {
    const r = current.current;
    if (!r) return;
    setRec(null);
    const ms = Date.now() - r.startedAt;
    onActive(then === 'review' ? 'review' : null);
    r.recorder.onstop = () => {
      r.stream.getTracks().forEach((track) => track.stop());
      const type = r.recorder.mimeType || 'audio/webm';
      const file = r.chunks.length > 0 ? new File(r.chunks, voiceFileName(type, new Date(r.startedAt)), { type: type.split(';')[0] }) : null;
      if (file && then === 'send') onSend(file);
      else if (file && then === 'review') setRecorded({ file, url: URL.createObjectURL(file), ms });
      else if (then === 'review') onActive(null);
    };
    if (r.recorder.state !== 'inactive') r.recorder.stop();
    else r.recorder.onstop(new Event('stop'));
  };

  /** Sends or drops the note that was heard. */
  const settle = (send: boolean) => {
    if (!recorded) return;
    URL.revokeObjectURL(recorded.url);
    setRecorded(null);
    onActive(null);
    if (send) onSend(recorded.file);
  };

  useEffect(() => {
    if (!rec) return;
    const timer = setInterval(() => {
      const ms = Date.now() - rec.startedAt;
      setElapsed(ms);
      if (ms >= VOICE_MAX_MS) finish('send');
    }, 250);
    return () => clearInterval(timer);
  }, [rec]);
  // Leaving the chat mid-recording drops the note and frees the microphone.
  useEffect(() => () => finish('discard'), []);
  useEffect(() => (recorded ? () => URL.revokeObjectURL(recorded.url) : undefined), [recorded]);

  const start = async () => {
    // Browsers offer the microphone to secure pages only (https, localhost, the desktop app).
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      toast.error(t('voice.insecure'));
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
      const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
      const r: Recording = { recorder, stream, chunks: [], startedAt: Date.now() };
      recorder.ondataavailable = (e) => e.data.size > 0 && r.chunks.push(e.data);
      recorder.start(250);
      setElapsed(0);
      setRec(r);
      onActive('recording');
    } catch (err) {
      const name = err instanceof DOMException ? err.name : '';
      toast.error(t(name === 'NotAllowedError' || name === 'SecurityError' ? 'voice.denied' : name === 'NotFoundError' ? 'voice.noMicrophone' : 'voice.failed'));
    }
  };

  if (recorded) {
    return (
      <div className="voice-recorder voice-review" role="group" aria-label={t('voice.recorded')}>
        <audio className="voice-audio" controls src={recorded.url} aria-label={t('voice.listen')} />
        <span className="voice-clock">{clockOf(recorded.ms)}</span>
        <Button size="sm" variant="ghost" icon="trash" onClick={() => settle(false)}>
          {t('voice.cancel')}
        </Button>
        <Button size="sm" variant="primary" icon="send" onClick={() => settle(true)}>
          {t('voice.send')}
        </Button>
      </div>
    );
  }
  if (!rec) return <IconButton icon="mic" label={t('voice.record')} onClick={() => void start()} />;
  return (
    <div className="voice-recorder" role="group" aria-label={t('voice.recording')}>
      <span className="voice-dot" aria-hidden="true" />
      <span className="voice-label">{t('voice.recordingShort')}</span>
      <time className="voice-clock" aria-live="off">
        {clockOf(elapsed)}
      </time>
      <Button size="sm" variant="ghost" icon="trash" onClick={() => finish('discard')}>
        {t('voice.cancel')}
      </Button>
      <Button size="sm" icon="stop" onClick={() => finish('review')}>
        {t('voice.stop')}
      </Button>
      <Button size="sm" variant="primary" icon="send" onClick={() => finish('send')}>
        {t('voice.send')}
      </Button>
    </div>
  );
}
