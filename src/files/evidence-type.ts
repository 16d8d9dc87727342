import { detectFileType } from './file-store';

/**
 * What a unit may send as 佐证材料, told by the content (file-type's magic numbers), never by the name: documents
 * (PDF, Word, Excel, PowerPoint, WPS, OpenDocument), pictures, plain text and video. Programs, scripts and archives
 * (a zip can hide anything, and a reviewer should see the material itself) are refused.
 */
const ALLOWED: Record<string, string> = {
  pdf: 'PDF',
  docx: 'Word',
  xlsx: 'Excel',
  pptx: 'PowerPoint',
  odt: 'OpenDocument',
  ods: 'OpenDocument',
  odp: 'OpenDocument',
  png: '图片',
  jpg: '图片',
  gif: '图片',
  webp: '图片',
  bmp: '图片',
  tif: '图片',
  heic: '图片',
  mp4: '视频',
  mov: '视频',
};

/** Old Office and WPS files are OLE compound files ('cfb'); so is an .msi installer, so the name must say which. */
const OLE_NAMES = ['doc', 'xls', 'ppt', 'wps', 'et', 'dps'];
/** Files the content cannot name (no magic number): accepted only as text, under a text name. */
const TEXT_NAMES = ['txt', 'csv', 'md'];
const EXECUTABLE = new Set(['exe', 'elf', 'mach', 'msi', 'class', 'dex', 'wasm', 'apk', 'deb', 'rpm', 'swf', 'lnk', 'sh', 'macho']);
const ARCHIVE = new Set(['zip', 'rar', '7z', 'gz', 'tar', 'bz2', 'xz', 'cab', 'zst', 'lz', 'lzh', 'arj', 'Z']);
const EXT_ALIASES: Record<string, string> = { jpeg: 'jpg', tiff: 'tif' };

export type EvidenceTypeCheck = { ok: true; mime: string; name: string } | { ok: false; reason: string };

const extOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return EXT_ALIASES[ext] ?? ext;
};

/** The name with the extension the content has (a PNG sent as 报告.pdf is kept as 报告.png, so it opens). */
function withExt(name: string, ext: string): string {
  if (extOf(name) === ext) return name;
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.${ext}`;
}

/** Plain text: valid UTF-8 without control characters other than tab, line breaks and form feed. */
function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001a\u007f]/.test(sample.toString('latin1'))) return false;
  // A sample cut in the middle of a character is cut back to the character's start (at most 3 bytes).
  const cuts = sample.length < bytes.length ? [0, 1, 2, 3] : [0];
  return cuts.some((c) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, sample.length - c));
      return true;
    } catch {
      return false;
    }
  });
}

export async function checkEvidenceType(bytes: Buffer, name: string): Promise<EvidenceTypeCheck> {
  if (bytes.length === 0) return { ok: false, reason: '文件为空' };
  const t = await detectFileType(bytes);
  const named = extOf(name);
  if (!t) {
    if (TEXT_NAMES.includes(named) && looksLikeText(bytes)) return { ok: true, mime: 'text/plain', name };
    return { ok: false, reason: '无法识别文件类型（按内容判断），请发送 PDF、Word、Excel、PPT、图片或文本文件' };
  }
  if (EXECUTABLE.has(t.ext)) return { ok: false, reason: '可执行程序不能作为佐证材料' };
  if (ARCHIVE.has(t.ext)) return { ok: false, reason: '不接受压缩包，请直接发送材料文件（PDF、Word、Excel、PPT、图片）' };
  if (t.ext === 'cfb') {
    if (OLE_NAMES.includes(named)) return { ok: true, mime: 'application/x-cfb', name };
    return { ok: false, reason: '无法确认文件类型（旧版 Office 文件请保留 .doc/.xls/.ppt 扩展名）' };
  }
  const ext = EXT_ALIASES[t.ext] ?? t.ext;
  if (!ALLOWED[ext]) return { ok: false, reason: `不支持的文件类型（${t.ext}），请发送 PDF、Word、Excel、PPT、图片或文本文件` };
  return { ok: true, mime: t.mime, name: withExt(name, ext) };
}
