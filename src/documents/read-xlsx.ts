/**
 * Reading a workbook someone sent, without trusting it: the size, the zip's own directory (how much it unpacks to,
 * how many parts, macros) are checked before exceljs parses anything, and cells come out as plain text with the
 * formulas named rather than evaluated.
 */
import type ExcelJS from 'exceljs';
import { exceljs } from './lazy-libraries';

/** The largest workbook accepted, as sent and as unpacked (a zip bomb is refused before it is unpacked). */
export const XLSX_MAX_BYTES = 5 * 1024 * 1024;
export const XLSX_MAX_UNPACKED = 60 * 1024 * 1024;
const MAX_PARTS = 500;

export class WorkbookRefused extends Error {
  override name = 'WorkbookRefused';
}

/** The parts of a zip as its central directory lists them: names and unpacked sizes. */
function zipDirectory(bytes: Buffer): Array<{ name: string; size: number }> {
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KB.
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new WorkbookRefused('文件不是有效的 Excel 工作簿（.xlsx）');
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  if (count > MAX_PARTS) throw new WorkbookRefused('文件结构过于复杂，请使用督办助手提供的模板');
  const out: Array<{ name: string; size: number }> = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw new WorkbookRefused('文件已损坏或不是有效的 .xlsx 文件');
    const size = bytes.readUInt32LE(at + 24);
    const nameLen = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    out.push({ name: bytes.toString('utf8', at + 46, at + 46 + nameLen), size });
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

/** Checks a workbook's bytes and loads it; a refusal says, in Chinese, what to do instead. */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  if (bytes.length > XLSX_MAX_BYTES) throw new WorkbookRefused(`文件过大（${(bytes.length / 1048576).toFixed(1)} MB），最大 ${XLSX_MAX_BYTES / 1048576} MB`);
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new WorkbookRefused('文件不是 .xlsx 格式的 Excel 工作簿（旧版 .xls、WPS 或 CSV 请另存为 .xlsx）');
  }
  const parts = zipDirectory(bytes);
  if (parts.some((p) => /vbaProject\.bin$/i.test(p.name))) throw new WorkbookRefused('文件含宏（VBA），为安全起见不予读取，请另存为不含宏的 .xlsx');
  const unpacked = parts.reduce((s, p) => s + p.size, 0);
  if (unpacked > XLSX_MAX_UNPACKED) throw new WorkbookRefused('文件解压后过大，请只保留模板中的内容');
  const wb = new (exceljs().Workbook)();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookRefused('无法读取该 Excel 文件，请用督办助手提供的模板填写后另存为 .xlsx');
  }
  return wb;
}

/** A cell as text: dates as YYYY-MM-DD, rich text joined; `formula` when the cell is computed (never evaluated). */
export function cellText(cell: ExcelJS.Cell): { text: string; formula: boolean } {
  const v = cell.value;
  if (v === null || v === undefined) return { text: '', formula: false };
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10), formula: false };
  if (typeof v === 'string') return { text: v, formula: false };
  if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v), formula: false };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { text: '', formula: true };
    if ('richText' in v && Array.isArray(v.richText)) return { text: v.richText.map((r) => r.text).join(''), formula: false };
    if ('text' in v) return { text: String((v as { text: unknown }).text ?? ''), formula: false };
    if ('error' in v) return { text: '', formula: true };
  }
  return { text: String(v), formula: false };
}
