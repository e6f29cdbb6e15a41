// "Review Learned Entries" and "Forget Learned Entry…" (docs/learning.md): the learned file is
// meant to be read like code, so reviewing opens it; forgetting one item goes through the
// learning service, which re-reads the file and writes it atomically like every decision.
import * as vscode from 'vscode';
import type { LearnedItem, LearningService } from './learning';
import { notify } from './log';

/** Arguments of forgetLearned for scripts and tests (without them: a QuickPick). */
export interface ForgetArgs {
  surface: string;
  label: string;
  rejected?: boolean;
  /** A document or folder of the workspace folder whose file holds it (default: the first folder). */
  uri?: vscode.Uri | string;
}

export function registerLearningCommands(learning: LearningService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('policyAnnotator.reviewLearned', async (arg?: vscode.Uri) => {
      const file = learning.fileFor(arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri);
      if (!file) return undefined;
      try {
        await vscode.workspace.fs.stat(file);
      } catch {
        notify('info', vscode.l10n.t('Nothing learned yet: tag, accept or reject in a text and {0} is written.', vscode.workspace.asRelativePath(file)));
        return undefined;
      }
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
      return file;
    }),

    vscode.commands.registerCommand('policyAnnotator.forgetLearned', async (args?: ForgetArgs) => {
      let item: LearnedItem | undefined;
      if (args && typeof args === 'object' && typeof args.surface === 'string' && typeof args.label === 'string') {
        const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
        if (!uri) return false;
        item = { folder: uri, surface: args.surface, label: args.label, rejected: args.rejected === true };
      } else {
        const items = learning.items();
        if (items.length === 0) {
          notify('info', vscode.l10n.t('Nothing has been learned in this workspace.'));
          return false;
        }
        const picked = await vscode.window.showQuickPick(
          items.map((i) => ({
            label: i.surface,
            description: i.rejected ? vscode.l10n.t('{0} · rejected', i.label) : vscode.l10n.t('{0} · suggested', i.label),
            detail: i.detail ? vscode.l10n.t('learned from {0}', i.detail) : undefined,
            item: i,
          })),
          { title: vscode.l10n.t('Forget a learned entry'), placeHolder: vscode.l10n.t('What the tool should no longer suggest (or no longer hide)'), matchOnDescription: true },
        );
        item = picked?.item;
      }
      if (!item) return false;
      const forgotten = await learning.forget(item);
      if (forgotten) vscode.window.setStatusBarMessage(vscode.l10n.t('Forgot “{0}” ({1}).', item.surface, item.label), 4000);
      return forgotten;
    }),
  ];
}
