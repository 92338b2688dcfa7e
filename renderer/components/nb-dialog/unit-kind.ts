/**
 * 设置类型 for the report being edited (the header's "类型未定" and the checks panel's note):
 * asks for the unit's 类型 with the guess from its name preselected, stores it in the archive
 * (the checks then run with it), and says in Chinese what happened when the archive refuses.
 */
import { errorMessage } from '../../api';
import type { ReportEditor } from '../../state/editor';
import { askUnitKind, showMessage } from './nb-dialog';

export async function chooseUnitKind(editor: ReportEditor): Promise<void> {
  const name = editor.opened.unit.name || editor.report.unit.name;
  const kind = await askUnitKind(name, editor.kind);
  if (!kind || kind === editor.unitKind) return;
  try {
    await editor.setUnitKind(kind);
  } catch (error) {
    await showMessage(
      '单位类型没有保存',
      `${errorMessage(error)}\n类型仍为“${editor.kind ?? '类型未定'}”，可稍后再试。`,
    );
  }
}
