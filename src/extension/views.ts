// The status-bar item (counts per label, click toggles the file) and the tree of the current
// file's spans grouped by label (click reveals the span).
import * as vscode from 'vscode';
import type { ViewSpan } from './tagger';
import { BUILTIN_LABELS } from './decorations';
import { collapseSpace } from './present';
import { stateName } from './hover';
import { orderLabels } from '../core/labels';

export interface FileView {
  doc: vscode.TextDocument;
  spans: readonly ViewSpan[];
  enabled: boolean;
  tooLong: boolean;
  shown: (label: string) => boolean;
  /** Annotations whose text could not be found after an outside change (kept in the sidecar). */
  orphans?: readonly { label: string; exact: string; orphanedAt?: string }[];
}

export function countByLabel(spans: readonly ViewSpan[], shown: (label: string) => boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of BUILTIN_LABELS) if (shown(l)) counts.set(l, 0);
  for (const s of spans) {
    if (s.state === 'rejected' || !shown(s.label)) continue;
    counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  }
  return counts;
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('policyAnnotator.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = vscode.l10n.t('Policy Annotator');
    this.item.command = 'policyAnnotator.toggleFile';
  }

  update(view: FileView | undefined): void {
    if (!view) {
      this.item.hide();
      return;
    }
    if (!view.enabled) {
      this.item.text = `$(eye-closed) ${vscode.l10n.t('Annotations off')}`;
      this.item.tooltip = vscode.l10n.t('Policy Annotator is off for this file. Click to turn highlighting on.');
    } else if (view.tooLong) {
      this.item.text = `$(warning) ${vscode.l10n.t('Too long to annotate')}`;
      this.item.tooltip = vscode.l10n.t('This file is longer than policyAnnotator.maxDocumentLength; highlighting is off.');
    } else {
      const counts = countByLabel(view.spans, view.shown);
      const parts = orderLabels(counts.keys()).map((l) => `${l} ${counts.get(l)}`);
      this.item.text = `$(tag) ${parts.join(' · ')}`;
      const md = new vscode.MarkdownString('', false);
      md.isTrusted = false;
      md.appendMarkdown(`**${vscode.l10n.t('Policy Annotator')}**\n\n`);
      const suggestions = view.spans.filter((s) => s.state === 'auto').length;
      for (const l of orderLabels(counts.keys())) md.appendMarkdown(`- ${l}: ${counts.get(l)}\n`);
      md.appendMarkdown(`\n${vscode.l10n.t('{0} suggestions not yet reviewed', suggestions)}\n\n`);
      md.appendMarkdown(vscode.l10n.t('Click to turn highlighting off for this file.'));
      this.item.tooltip = md;
    }
    this.item.show();
  }

  /** Text currently shown (for tests). */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}

type Node =
  | { kind: 'label'; label: string; count: number }
  | { kind: 'span'; uri: vscode.Uri; span: ViewSpan; text: string; line: number }
  | { kind: 'orphans'; count: number }
  | { kind: 'orphan'; label: string; exact: string; orphanedAt?: string };

export class SpanTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private view?: FileView;
  private byLabel = new Map<string, ViewSpan[]>();
  /** Cap per label so a 300-page report does not build 100,000 tree items. */
  static readonly MAX_CHILDREN = 5000;

  update(view: FileView | undefined): void {
    this.view = view;
    this.byLabel = new Map();
    if (view?.enabled && !view.tooLong)
      for (const s of view.spans) {
        if (!view.shown(s.label)) continue;
        let list = this.byLabel.get(s.label);
        if (!list) this.byLabel.set(s.label, (list = []));
        list.push(s);
      }
    this.emitter.fire(undefined);
  }

  getTreeItem(n: Node): vscode.TreeItem {
    if (n.kind === 'orphans') {
      const item = new vscode.TreeItem(vscode.l10n.t('Orphaned annotations'), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(n.count);
      item.id = 'orphans';
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = vscode.l10n.t('Annotations whose text could not be found after the file changed outside the editor. They are kept in the sidecar file and re-attach themselves if the text comes back.');
      return item;
    }
    if (n.kind === 'orphan') {
      const item = new vscode.TreeItem(n.exact || '∅', vscode.TreeItemCollapsibleState.None);
      item.description = n.label;
      item.tooltip = n.orphanedAt ? vscode.l10n.t('{0} · orphaned since {1}', n.label, n.orphanedAt) : n.label;
      item.contextValue = 'policyAnnotator.orphan';
      return item;
    }
    if (n.kind === 'label') {
      const item = new vscode.TreeItem(n.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(n.count);
      item.id = `label:${n.label}`;
      const colorId = (BUILTIN_LABELS as readonly string[]).includes(n.label) ? `policyAnnotator.${n.label.toLowerCase()}Border` : undefined;
      item.iconPath = new vscode.ThemeIcon('symbol-field', colorId ? new vscode.ThemeColor(colorId) : undefined);
      item.contextValue = 'policyAnnotator.label';
      return item;
    }
    const item = new vscode.TreeItem(n.text || '∅', vscode.TreeItemCollapsibleState.None);
    item.description = `${vscode.l10n.t('line {0}', n.line + 1)} · ${stateName(n.span.state)}`;
    item.tooltip = `${n.span.label} · ${stateName(n.span.state)}\n${n.text}`;
    item.command = { command: 'policyAnnotator.revealSpan', title: vscode.l10n.t('Reveal'), arguments: [n.uri, n.span.start, n.span.end] };
    item.contextValue = `policyAnnotator.span.${n.span.state}`;
    return item;
  }

  getChildren(n?: Node): Node[] {
    const view = this.view;
    if (!view) return [];
    if (!n) {
      const roots: Node[] = orderLabels(this.byLabel.keys()).map((label) => ({ kind: 'label', label, count: this.byLabel.get(label)!.filter((s) => s.state !== 'rejected').length }));
      if (view.orphans?.length) roots.push({ kind: 'orphans', count: view.orphans.length });
      return roots;
    }
    if (n.kind === 'orphans') return (view.orphans ?? []).map((o) => ({ kind: 'orphan', label: o.label, exact: o.exact, orphanedAt: o.orphanedAt }));
    if (n.kind !== 'label') return [];
    const doc = view.doc;
    return (this.byLabel.get(n.label) ?? []).slice(0, SpanTree.MAX_CHILDREN).map((span) => {
      const start = doc.positionAt(span.start);
      return { kind: 'span', uri: doc.uri, span, line: start.line, text: collapseSpace(doc.getText(new vscode.Range(start, doc.positionAt(span.end)))) };
    });
  }

  /** The tree as plain data (for the API and tests): groups with their items and each item's click command. */
  snapshot(): { group: string; count: number; items: { text: string; description?: string; command?: vscode.Command }[] }[] {
    return this.getChildren().map((root) => {
      const r = this.getTreeItem(root);
      return {
        group: typeof r.label === 'string' ? r.label : r.label?.label ?? '',
        count: Number(r.description ?? 0),
        items: this.getChildren(root).map((c) => {
          const it = this.getTreeItem(c);
          return { text: typeof it.label === 'string' ? it.label : it.label?.label ?? '', description: typeof it.description === 'string' ? it.description : undefined, command: it.command };
        }),
      };
    });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
