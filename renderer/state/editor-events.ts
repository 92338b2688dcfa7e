/**
 * A Lit reactive controller that keeps a component subscribed to its `editor` property's
 * events ('change', 'focus', 'saved'): attached while the component is connected, moved when
 * the property points to another editor, detached when the component leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReportEditor } from './editor';

type EditorEvent = 'change' | 'focus' | 'saved';
type Host = ReactiveControllerHost & HTMLElement & { editor: ReportEditor | null | undefined };

export class EditorEvents implements ReactiveController {
  private listening: ReportEditor | null = null;

  constructor(
    private readonly host: Host,
    private readonly handlers: Partial<Record<EditorEvent, (e: Event) => void>>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  /** Before each update: follows a new `editor` property. */
  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.detach();
  }

  private sync(): void {
    const editor = this.host.isConnected ? (this.host.editor ?? null) : null;
    if (editor === this.listening) return;
    this.detach();
    if (!editor) return;
    for (const [type, handler] of Object.entries(this.handlers)) {
      editor.addEventListener(type, handler);
    }
    this.listening = editor;
  }

  private detach(): void {
    const editor = this.listening;
    if (!editor) return;
    for (const [type, handler] of Object.entries(this.handlers)) {
      editor.removeEventListener(type, handler);
    }
    this.listening = null;
  }
}
