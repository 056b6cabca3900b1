/**
 * Where a printed PDF draws its text, page by page: enough to tell an almost empty page from a
 * full one without a PDF library. Reads the PDF Chromium writes (uncompressed object table, one
 * Flate content stream per page), follows the graphics state (q, Q, cm) and the text position
 * (BT, Tm, Td, TD, T*), and records the page height at which each text-showing operator draws.
 */
import { inflateSync } from 'node:zlib';

export interface PdfPageText {
  /** page height in PDF points */
  height: number;
  /** how many text-showing operators (Tj, TJ, ', ") the page has */
  runs: number;
  /** the lowest text on the page, in points from its top edge; 0 when the page has no text */
  lowestText: number;
  /** where the rightmost text run starts, in points from the left edge (past `width`: clipped) */
  rightmostText: number;
  width: number;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const identity: Matrix = [1, 0, 0, 1, 0, 0];

/** Operators and their numeric operands; strings, names and arrays are skipped as operands. */
function* operators(content: string): Generator<{ op: string; args: number[] }> {
  const token = /\(((?:\\.|[^\\)])*)\)|<[0-9A-Fa-f\s]*>|\[|\]|\/[^\s/[\]()<>]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+/g;
  let args: number[] = [];
  for (const m of content.matchAll(token)) {
    const t = m[0];
    if (/^[-+.\d]/.test(t)) args.push(Number(t));
    else if (/^[A-Za-z'"*]/.test(t)) {
      yield { op: t, args };
      args = [];
    }
  }
}

function pageText(content: string, width: number, height: number): PdfPageText {
  const stack: Matrix[] = [];
  let ctm = identity;
  let line = identity;
  let runs = 0;
  let lowest = 0;
  let rightmost = 0;
  for (const { op, args } of operators(content)) {
    if (op === 'q') stack.push(ctm);
    else if (op === 'Q') ctm = stack.pop() ?? identity;
    else if (op === 'cm' && args.length >= 6) ctm = multiply(args.slice(-6) as Matrix, ctm);
    else if (op === 'BT') line = identity;
    else if (op === 'Tm' && args.length >= 6) line = args.slice(-6) as Matrix;
    else if ((op === 'Td' || op === 'TD') && args.length >= 2) line = multiply([1, 0, 0, 1, args.at(-2)!, args.at(-1)!], line);
    else if (op === 'Tj' || op === 'TJ' || op === "'" || op === '"') {
      runs += 1;
      const [, , , , x, y] = multiply(line, ctm);
      lowest = Math.max(lowest, height - y);
      rightmost = Math.max(rightmost, x);
    }
  }
  return { width, height, runs, lowestText: lowest, rightmostText: rightmost };
}

/** Every page of a PDF, in order, with where its text is. */
export function pdfPages(pdf: Buffer): PdfPageText[] {
  const text = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2]!);
  const streamOf = (n: number) => {
    const body = objects.get(n) ?? '';
    const start = body.indexOf('stream');
    const end = body.lastIndexOf('endstream');
    if (start < 0 || end < 0) return '';
    const data = body.slice(start + 'stream'.length, end).replace(/^\r?\n/, '');
    const raw = Buffer.from(data, 'latin1');
    return /\/FlateDecode/.test(body.slice(0, start)) ? inflateSync(raw).toString('latin1') : raw.toString('latin1');
  };
  // pages in the order of the page tree's Kids
  const tree = [...objects.values()].find((b) => /\/Type\s*\/Pages/.test(b) && /\/Kids/.test(b)) ?? '';
  const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(tree)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  return kids.map((n) => {
    const body = objects.get(n) ?? '';
    const box = /\/MediaBox\s*\[\s*[-.\d]+\s+[-.\d]+\s+([-.\d]+)\s+([-.\d]+)\s*\]/.exec(body);
    const contents = /\/Contents\s+(\d+) 0 R/.exec(body);
    return pageText(contents ? streamOf(Number(contents[1])) : '', Number(box?.[1] ?? 595), Number(box?.[2] ?? 842));
  });
}
