// Video work of the media pool: ffmpeg child processes spawned from a worker thread, reading a
// temporary file and writing beside it (nothing but a poster of ≤ 320 px is held in memory).
// From: videoTask.ts (the file, written by the main thread) → here → back: paths and facts.
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Longest side of a transcoded video, px (WhatsApp shows videos at most this large). */
const MAX_SIDE = 1280;
/** Probing and posters read a few frames; anything slower than this is a broken file. */
const QUICK_TIMEOUT_MS = 30_000;
/** Only the end of ffmpeg's stderr is kept: the error is there, and the rest is unbounded. */
const STDERR_KEEP = 8 * 1024;

/** Runs ffmpeg; resolves with its exit and the tail of stderr, SIGKILLs it after `timeoutMs`. */
function run(ffmpeg, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => {
      stderr = (stderr + s).slice(-STDERR_KEEP);
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0 && !timedOut, code, signal, timedOut, stderr });
    });
  });
}

/** What ffmpeg says about its input: duration, displayed dimensions, whether it has video. */
export function parseProbe(stderr) {
  const d = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  const durationMs = d ? Math.round((Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3])) * 1000) : null;
  const v = /Stream #\d+:\d+.*?: Video: [^\n]*?, (\d{1,5})x(\d{1,5})/.exec(stderr);
  if (!v) return { hasVideo: false, durationMs, width: null, height: null };
  // Phones record sideways and tag a rotation; ffmpeg applies it when transcoding and for posters.
  const r = /rotate\s*:\s*(-?\d+)/.exec(stderr) ?? /rotation of (-?[\d.]+) degrees/.exec(stderr);
  const sideways = r !== null && Math.abs(Math.round(Number(r[1]))) % 180 === 90;
  const [w, h] = [Number(v[1]), Number(v[2])];
  return { hasVideo: true, durationMs, width: sideways ? h : w, height: sideways ? w : h };
}

/** Probes a file by asking ffmpeg to open it without an output (exit 1 is expected). */
async function probe(ffmpeg, file) {
  const r = await run(ffmpeg, ['-i', file], QUICK_TIMEOUT_MS);
  return { ...parseProbe(r.stderr), timedOut: r.timedOut, stderr: r.stderr };
}

/** A JPEG of the frame at ~1 s (the first frame of clips under 2 s), within `side` px. */
async function poster(ffmpeg, input, dir, durationMs, side) {
  const out = join(dir, 'poster.jpg');
  const scale = `scale='min(${side},iw)':'min(${side},ih)':force_original_aspect_ratio=decrease`;
  let last = null;
  for (const at of durationMs !== null && durationMs >= 2000 ? [1, 0] : [0]) {
    last = await run(ffmpeg, ['-loglevel', 'error', '-y', '-ss', String(at), '-i', input, '-frames:v', '1', '-vf', scale, '-q:v', '4', '-threads', '1', '-f', 'image2', out], QUICK_TIMEOUT_MS);
    // A seek past the last frame exits 0 without writing: try the first frame.
    const bytes = last.ok ? await readFile(out).catch(() => null) : null;
    if (bytes?.length) return { bytes, failure: null };
  }
  return { bytes: null, failure: { step: 'poster', timedOut: last.timedOut, stderr: last.stderr } };
}

/** H.264/AAC MP4 within MAX_SIDE px, streamable (moov first). One thread: the pool size is the budget. */
function transcode(ffmpeg, input, output, timeoutMs) {
  const fit = `scale='if(gte(iw,ih),min(${MAX_SIDE},iw),-2)':'if(gte(iw,ih),-2,min(${MAX_SIDE},ih))'`;
  return run(ffmpeg, [
    '-loglevel', 'error', '-y', '-i', input,
    '-map', '0:v:0', '-map', '0:a:0?', '-sn', '-dn',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-vf', fit, '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '96k', '-movflags', '+faststart', '-threads', '1', '-f', 'mp4', output,
  ], timeoutMs);
}

/** Opus in Ogg, mono, 48 kHz: what WhatsApp plays as a voice note (browsers record WebM or MP4). */
function toVoice(ffmpeg, input, output, timeoutMs) {
  return run(ffmpeg, [
    '-loglevel', 'error', '-y', '-i', input,
    '-map', '0:a:0', '-vn', '-sn', '-dn',
    '-c:a', 'libopus', '-b:a', '32k', '-ac', '1', '-ar', '48000', '-application', 'voip', '-threads', '1', '-f', 'ogg', output,
  ], timeoutMs);
}

/** True when ffmpeg read an Ogg file whose audio is Opus (a voice note as WhatsApp sends it). */
const isOggOpus = (stderr) => /Input #0, ogg/.test(stderr) && /Audio: opus/.test(stderr);

/**
 * A voice note: kept when it is Opus in Ogg already, else converted to it (and checked to play
 * as long). result: as processVideo's, without a poster or dimensions.
 */
async function processVoice(task) {
  const { ffmpegPath: ffmpeg, input, dir } = task;
  const failures = [];
  const facts = await probe(ffmpeg, input);
  let { durationMs } = facts;
  let output = null;
  if (!/Audio: /.test(facts.stderr)) failures.push({ step: 'probe', timedOut: facts.timedOut, stderr: facts.stderr.slice(-1024) });
  else if (!isOggOpus(facts.stderr)) {
    const path = join(dir, 'voice.ogg');
    const r = await toVoice(ffmpeg, input, path, task.timeoutMs);
    const check = r.ok ? await probe(ffmpeg, path) : null;
    if (!r.ok) failures.push({ step: 'voice', timedOut: r.timedOut, stderr: r.stderr });
    else if (!isOggOpus(check.stderr) || !sameLength(durationMs, check.durationMs)) failures.push({ step: 'verify', durationMs: check.durationMs, stderr: check.stderr.slice(-1024) });
    else {
      output = { path, size: (await stat(path)).size, mimeType: 'audio/ogg; codecs=opus' };
      durationMs = check.durationMs ?? durationMs;
    }
  }
  return { output, poster: null, width: null, height: null, durationMs, failures };
}

/** True when the transcoded file plays as long as the original (within 5 %, at least 1 s). */
function sameLength(a, b) {
  if (a === null || b === null) return true;
  return Math.abs(a - b) <= Math.max(1000, a * 0.05);
}

/**
 * task: { dir, input, size, kind, compressAboveBytes, thumbnailSide, ffmpegPath, timeoutMs }
 * result: { output: { path, size, mimeType } | null, poster, width, height, durationMs, failures }
 * `output` is set only when a transcode above the threshold produced a smaller, readable MP4;
 * every failure (unreadable input, ffmpeg error or timeout, a result not smaller) keeps the
 * original and is reported in `failures` for the main thread to log.
 */
export async function processVideo(task) {
  if (task.kind === 'voice') return processVoice(task);
  const { ffmpegPath: ffmpeg, input, dir } = task;
  const failures = [];
  const facts = await probe(ffmpeg, input);
  if (!facts.hasVideo) {
    failures.push({ step: 'probe', timedOut: facts.timedOut, stderr: facts.stderr.slice(-1024) });
    return { output: null, poster: null, width: null, height: null, durationMs: facts.durationMs, failures };
  }
  let { width, height, durationMs } = facts;
  let output = null;
  if (task.kind === 'video' && task.size > task.compressAboveBytes) {
    const path = join(dir, 'output.mp4');
    const r = await transcode(ffmpeg, input, path, task.timeoutMs);
    const size = r.ok ? (await stat(path)).size : 0;
    const check = r.ok && size < task.size ? await probe(ffmpeg, path) : null;
    if (!r.ok) failures.push({ step: 'transcode', timedOut: r.timedOut, stderr: r.stderr });
    else if (size >= task.size) failures.push({ step: 'transcode', reason: 'not smaller', size });
    else if (!check.hasVideo || !sameLength(durationMs, check.durationMs)) failures.push({ step: 'verify', durationMs: check.durationMs, stderr: check.stderr.slice(-1024) });
    else {
      output = { path, size, mimeType: 'video/mp4' };
      ({ width, height } = check);
      durationMs = check.durationMs ?? durationMs;
    }
  }
  let posterBytes = null;
  if (task.thumbnailSide > 0) {
    const p = await poster(ffmpeg, output?.path ?? input, dir, durationMs, task.thumbnailSide);
    posterBytes = p.bytes;
    if (p.failure) failures.push(p.failure);
  }
  const posterOut = posterBytes ? new Uint8Array(posterBytes.buffer, posterBytes.byteOffset, posterBytes.byteLength) : null;
  return { output, poster: posterOut, width, height, durationMs, failures };
}
