/**
 * exceljs (about 28 MB resident) and docx (about 11 MB) loaded on first use, not at start: most of a server's life
 * writes no document, and the server runs in a 150 MB budget. `require` (createRequire) rather than `import()`
 * keeps the builders that return a workbook synchronous; esbuild leaves these calls alone (the packages are
 * external), so the bundle loads them at the same moment the sources do.
 */
import { createRequire } from 'node:module';
import type * as DocxModule from 'docx';
import type ExcelJSModule from 'exceljs';

const load = createRequire(import.meta.url);

let excel: typeof ExcelJSModule | undefined;
/** The exceljs module, loaded the first time a workbook is made or read. */
export const exceljs = (): typeof ExcelJSModule => (excel ??= load('exceljs') as typeof ExcelJSModule);

let docxModule: typeof DocxModule | undefined;
/**
 * The docx module, loaded on the first property read (a Word file being written): `D.Paragraph`, `D.Packer`, …
 * Nothing may read it at module level, or the load moves back to start.
 */
export const D: typeof DocxModule = new Proxy({} as typeof DocxModule, {
  get: (_, key) => (docxModule ??= load('docx') as typeof DocxModule)[key as keyof typeof DocxModule],
});
