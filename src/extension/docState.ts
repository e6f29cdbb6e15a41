// What the extension keeps per open text for annotating: the core document, where its sidecar is
// and whether it may be written (see `refused`), unsaved changes, and what edits dropped.
import * as vscode from 'vscode';
import type { DocumentSession } from '../core/session/document-session';
import type { AnnotatedDocument, DroppedAnnotation, LoadReport } from '../core/annotations/document';

export interface DocState {
  uri: vscode.Uri;
  /** The session of the document (sessions.ts), which holds text, suggestions and annotations. */
  session: DocumentSession;
  /** The annotated document with the current suggestions merged in. */
  readonly doc: AnnotatedDocument;
  /** Where the sidecar lives; undefined for documents that have none (untitled). */
  sidecar?: vscode.Uri;
  sidecarExists: boolean;
  /**
   * The sidecar exists but was refused (unreadable, not UTF-8, a newer format version,
   * half-written): it is never written, by any decision, save or export, until the user fixes or
   * removes it (the watcher then reads it again).
   */
  refused?: string;
  /** The user was told once that annotations of this document are not saved. */
  refusalShown?: boolean;
  /** Annotation changes not yet written to the sidecar. */
  dirty: boolean;
  /** Content we last wrote or read (a watcher event with this content is our own echo). */
  lastContent?: string;
  /** Annotations dropped by edits, restored when the edit is undone. */
  recentDrops: DroppedAnnotation[];
  /** Result of the last re-anchoring, until reported. */
  lastReport?: LoadReport;
  unsubscribe: () => void;
}

/** Author of decisions: the setting, else the OS user where the host has one (not in the browser). */
export function defaultAuthor(scope: vscode.Uri): string | undefined {
  const set = vscode.workspace.getConfiguration('policyAnnotator', scope).get<string>('author', '')?.trim();
  if (set) return set;
  const env = typeof process !== 'undefined' ? process.env : undefined;
  return env?.USER || env?.USERNAME || env?.LOGNAME || undefined;
}
