/**
 * `<textarea ${syncValue(text)}>`: keeps a text field showing the model's text without
 * disturbing the person typing in it. The field's value is written only when it differs from
 * the model (an undo, an edit elsewhere), never during an IME composition (the field then holds
 * pinyin that the model does not have yet), and a focused field keeps its caret where it was.
 * Lit's own `.value=${…}` writes whenever the bound value changed since the last render, which
 * moves the caret to the end of a focused field.
 */
import { nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

type TextField = HTMLInputElement | HTMLTextAreaElement;

const composing = new WeakSet<Element>();
const watched = new WeakSet<Element>();

/** Whether an IME composition is under way in the field. */
export function isComposing(el: Element): boolean {
  return composing.has(el);
}

function watch(el: TextField): void {
  if (watched.has(el)) return;
  watched.add(el);
  el.addEventListener('compositionstart', () => composing.add(el));
  // capture: the state is cleared before the component's own compositionend handler runs
  el.addEventListener('compositionend', () => composing.delete(el), { capture: true });
  el.addEventListener('blur', () => composing.delete(el));
}

/** Whether the element has the focus, inside any number of shadow roots. */
function hasFocus(el: Element): boolean {
  const root = el.getRootNode() as Document | ShadowRoot;
  return root.activeElement === el;
}

/** Whether the field has a caret (a date input has none: setSelectionRange throws). */
function hasSelection(el: TextField): boolean {
  return (
    el instanceof HTMLTextAreaElement ||
    ['text', 'search', 'url', 'tel', 'password'].includes(el.type)
  );
}

/** Writes `value` into the field if it shows something else (see the module comment). */
function writeValue(el: TextField, value: string): boolean {
  if (el.value === value || composing.has(el)) return false;
  if (hasFocus(el) && hasSelection(el)) {
    const start = Math.min(el.selectionStart ?? value.length, value.length);
    const end = Math.min(el.selectionEnd ?? value.length, value.length);
    el.value = value;
    el.setSelectionRange(start, end);
  } else el.value = value;
  return true;
}

class SyncValue extends Directive {
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('syncValue() goes on an element');
  }

  render(_value: string): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [value]: [string]): typeof nothing {
    const el = part.element as TextField;
    watch(el);
    writeValue(el, value);
    return nothing;
  }
}

export const syncValue = directive(SyncValue);
