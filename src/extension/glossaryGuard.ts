// Before "Add to glossary" writes a glossary file: the file is read from disk and refused when it
// cannot be read, is not UTF-8 (VS Code would show it with replacement characters and the save
// would write them for good), is of a newer format version, or has YAML errors (a half-written or
// broken file the insertion could not merge into safely). A refused file is left byte for byte
// as it is; the user is told why, and the Problems panel shows where (glossaryService.ts).
import * as vscode from 'vscode';
import { parseGlossary } from '../core';
import { decodeText } from '../core/files/decode';
import { errorReason, isNotFound } from '../core/files/file-system';
import { fileSystemFor } from './workspace-fs';

export type GlossaryOnDisk = { kind: 'missing' } | { kind: 'read'; text: string } | { kind: 'refused'; reason: string };

export async function readGlossaryForEdit(uri: vscode.Uri): Promise<GlossaryOnDisk> {
  let bytes: Uint8Array;
  try {
    bytes = await fileSystemFor(uri).readFile(uri.path);
  } catch (e) {
    if (isNotFound(e)) return { kind: 'missing' };
    return { kind: 'refused', reason: `cannot read: ${errorReason(e)}` };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: 'refused', reason: `${decoded.line}:${decoded.column}: ${decoded.reason}` };
  const newer = parseGlossary(decoded.text, uri.path).problems.find((p) => p.message.startsWith('unsupported glossary version'));
  if (newer) return { kind: 'refused', reason: `${newer.line}:${newer.column}: ${newer.message}` };
  return { kind: 'read', text: decoded.text };
}
