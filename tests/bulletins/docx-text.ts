/** Reads a .docx back the way Word would show it: the text of each paragraph of word/document.xml, in order. */
import JSZip from 'jszip';

export async function docxParagraphs(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return paragraphs.map((p) => unescape([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));
}

/** The cell texts of each table row (w:tr) in the document body. */
export async function docxTableRows(bytes: Buffer): Promise<string[][]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return (xml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).map((tr) =>
    (tr.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((tc) => [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  );
}
