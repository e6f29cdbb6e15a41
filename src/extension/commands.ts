// "Add selection to glossary": asks for the category, appends an entry to a workspace glossary
// and opens it with the cursor where the definition goes.
import * as vscode from 'vscode';
import { GLOSSARY_LIMITS } from '../core';
import type { GlossaryService } from './glossaryService';
import { planGlossaryInsert } from './glossaryEdit';
import { collapseSpace } from './present';
import { readGlossaryForEdit } from './glossaryGuard';
import { logInfo, notify } from './log';

const DEFAULT_GLOSSARY = '.policy-annotator/glossary.yaml';
const encoder = new TextEncoder();

/** Leaves a glossary that could not be read as it is, and says why. */
function refuse(target: vscode.Uri, reason: string): undefined {
  const name = vscode.workspace.asRelativePath(target);
  logInfo(`Add to glossary refused ${name}: ${reason}`);
  notify('error', vscode.l10n.t('Cannot add to {0}: {1}', name, vscode.l10n.t('{0}; the file was left untouched', reason)));
  return undefined;
}

interface CategoryPick extends vscode.QuickPickItem {
  category: string;
}

export interface AddToGlossaryArgs {
  /** Skip the questions (for scripting and tests). */
  category?: string;
  file?: vscode.Uri;
  term?: string;
}

export async function addSelectionToGlossary(glossary: GlossaryService, args: AddToGlossaryArgs = {}): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  const term = collapseSpace(args.term ?? (editor ? editor.document.getText(editor.selection) : ''));
  if (!term) {
    notify('warning', vscode.l10n.t('Select the text to add to the glossary first.'));
    return undefined;
  }
  if (term.length > GLOSSARY_LIMITS.termLength) {
    notify('warning', vscode.l10n.t('A glossary term has at most {0} characters.', GLOSSARY_LIMITS.termLength));
    return undefined;
  }
  await glossary.ensureStarted();

  let category = args.category;
  if (!category) {
    const picks: CategoryPick[] = [
      { label: 'TERM', description: vscode.l10n.t('policy term'), category: 'TERM' },
      { label: 'ORG', description: vscode.l10n.t('organization'), category: 'ORG' },
      ...glossary.current.glossary.categories.map((c) => ({ label: c.name, description: c.description ?? vscode.l10n.t('custom category'), category: c.name })),
    ];
    const existing = glossary.current.lookup(term);
    if (existing) picks.sort((a, b) => Number(b.category === existing.category) - Number(a.category === existing.category));
    const pick = await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Add “{0}” to the glossary', term), placeHolder: vscode.l10n.t('Choose a category') });
    if (!pick) return undefined;
    category = pick.category;
  }

  const target = args.file ?? (await chooseGlossaryFile(glossary, editor?.document.uri));
  if (!target) return undefined;

  const openDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  const onDisk = await readGlossaryForEdit(target);
  if (onDisk.kind === 'refused') return refuse(target, onDisk.reason);
  const exists = onDisk.kind === 'read' || !!openDoc;
  // Unsaved edits in an open editor are the user's latest version; else the file as on disk.
  const current = openDoc?.isDirty ? openDoc.getText() : onDisk.kind === 'read' ? onDisk.text : openDoc?.getText() ?? '';

  let plan;
  try {
    plan = planGlossaryInsert(current, term, category);
  } catch (e) {
    // YAML errors or not a mapping: nothing is merged into a file that could not be read whole.
    return refuse(target, (e as Error).message);
  }
  if (!exists) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await vscode.workspace.fs.writeFile(target, encoder.encode(plan.text));
  }
  const doc = openDoc ?? (await vscode.workspace.openTextDocument(target));
  if (exists && !plan.existing) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(target, new vscode.Range(doc.positionAt(plan.start), doc.positionAt(plan.end)), plan.text);
    await vscode.workspace.applyEdit(edit);
  }
  if (doc.isDirty) await doc.save(); // the new term is highlighted at once; the definition follows
  const pos = doc.positionAt(plan.cursor);
  const shown = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: false });
  shown.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (plan.existing) notify('info', vscode.l10n.t('“{0}” is already in this glossary.', term));
  return target;
}

async function chooseGlossaryFile(glossary: GlossaryService, near: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const folder = (near && vscode.workspace.getWorkspaceFolder(near)) ?? vscode.workspace.workspaceFolders?.[0];
  const known = glossary.knownFiles();
  if (known.length === 0) {
    if (!folder) {
      notify('error', vscode.l10n.t('Open a folder to keep a workspace glossary.'));
      return undefined;
    }
    return vscode.Uri.joinPath(folder.uri, DEFAULT_GLOSSARY);
  }
  if (known.length === 1) return known[0];
  // The last file in merge order wins over the others; offer it first.
  const items = [...known].reverse().map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which glossary file?') });
  return pick?.uri;
}
