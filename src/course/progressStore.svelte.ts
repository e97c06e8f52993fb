/**
 * The learner's progress as Svelte state, saved to localStorage on every
 * change. Where the browser will not store anything (storage blocked, or
 * full), progress lives in memory for as long as the page does.
 */
import {
  emptyProgress,
  PROGRESS_STORAGE_KEY,
  readProgress,
  withAnswer,
  withVisit,
  writeProgress,
  type Progress,
  type QuizAnswer,
} from './progress';

/** The part of `Storage` the store uses, so tests can hand in their own. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** localStorage, or null when the browser refuses it (blocked cookies, some private windows). */
export function browserStorage(): ProgressStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export class ProgressStore {
  progress = $state.raw<Progress>(emptyProgress());
  /** A message for the learner, shown until dismissed: saved progress could not be read. */
  notice = $state<string | null>(null);
  /** False once the browser refuses to store progress: it then lasts until the page closes. */
  saving = $state(true);
  #storage: ProgressStorage | null;

  constructor(storage: ProgressStorage | null) {
    this.#storage = storage;
    let stored: string | null = null;
    try {
      stored = storage?.getItem(PROGRESS_STORAGE_KEY) ?? null;
    } catch {
      this.#storage = null;
    }
    this.saving = this.#storage !== null;
    const read = readProgress(stored);
    this.progress = read.progress;
    this.notice = read.notice;
    // Rewritten now, so an unreadable record is reported once, not on every visit.
    if (read.rewrite) this.#save();
  }

  /** The learner opened a lesson: it counts as visited and is the one to resume. */
  visit(lessonId: string): void {
    const saved = this.progress.lessons[lessonId];
    if (saved?.visited && this.progress.last === lessonId) return;
    this.#set(withVisit(this.progress, lessonId));
  }

  answer(lessonId: string, questionId: string, answer: QuizAnswer): void {
    this.#set(withAnswer(this.progress, lessonId, questionId, answer));
  }

  /** Forget everything: no lesson visited, no answers, nothing to resume. */
  reset(): void {
    this.progress = emptyProgress();
    this.notice = null;
    try {
      this.#storage?.removeItem(PROGRESS_STORAGE_KEY);
    } catch {
      this.#lose();
    }
  }

  dismissNotice(): void {
    this.notice = null;
  }

  #set(progress: Progress): void {
    this.progress = progress;
    this.#save();
  }

  #save(): void {
    try {
      this.#storage?.setItem(PROGRESS_STORAGE_KEY, writeProgress(this.progress));
    } catch {
      this.#lose();
    }
  }

  #lose(): void {
    this.#storage = null;
    this.saving = false;
  }
}
