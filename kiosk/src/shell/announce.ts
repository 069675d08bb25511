/**
 * Sound for announcements: a chime made with Web Audio (no audio files) and speech synthesis.
 * Browsers keep audio locked until the first touch; `unlockAudio` is called on every touch.
 */

type ChimeKind = "pickup" | "alert";

let context: AudioContext | undefined;
const listeners = new Set<() => void>();

function audioContext(): AudioContext | undefined {
  if (context) return context;
  const Ctor = globalThis.AudioContext;
  if (typeof Ctor !== "function") return undefined;
  try {
    context = new Ctor();
    context.addEventListener("statechange", () => {
      for (const listener of listeners) listener();
    });
  } catch {
    context = undefined;
  }
  return context;
}

/** True when sound can play now (the browser let the page start audio). */
export function audioReady(): boolean {
  const ctx = audioContext();
  return ctx === undefined || ctx.state === "running";
}

export function onAudioStateChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function unlockAudio(): void {
  const ctx = audioContext();
  if (ctx && ctx.state === "suspended") void ctx.resume().catch(() => undefined);
}

/** Two or three soft bell tones; "alert" is lower and repeated. `volume` 0…1 (the room's setting). */
export function chime(kind: ChimeKind = "pickup", volume = 1): void {
  const ctx = audioContext();
  if (ctx?.state !== "running" || volume <= 0) return;
  const notes = kind === "pickup" ? [784, 1047, 1319] : [440, 349, 440, 349];
  const step = kind === "pickup" ? 0.28 : 0.22;
  const start = ctx.currentTime + 0.02;
  notes.forEach((frequency, i) => {
    const at = start + i * step;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = kind === "pickup" ? "sine" : "triangle";
    osc.frequency.setValueAtTime(frequency, at);
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(Math.max(0.001, 0.35 * Math.min(volume, 1)), at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 1);
  });
}

/** Speaks the text after the chime; silently does nothing where speech synthesis is missing. */
export function speak(text: string, lang: string, delayMs = 900, volume = 1): void {
  const synth = globalThis.speechSynthesis;
  const Utterance = globalThis.SpeechSynthesisUtterance;
  if (synth === undefined || typeof Utterance !== "function") return;
  setTimeout(() => {
    try {
      const utterance = new Utterance(text);
      utterance.lang = lang;
      utterance.volume = Math.min(Math.max(volume, 0), 1);
      utterance.rate = lang.startsWith("zh") ? 0.9 : 0.95;
      const voice = synth.getVoices().find((v) => v.lang.replace("_", "-").startsWith(lang));
      if (voice) utterance.voice = voice;
      synth.speak(utterance);
    } catch {
      // speech is a nicety; the banner and chime already told the room
    }
  }, delayMs);
}
