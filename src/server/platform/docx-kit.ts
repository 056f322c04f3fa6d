import { AlignmentType, Paragraph, ShadingType, TableCell, TextRun, VerticalAlignTable } from 'docx';

/**
 * How the documents a union prints are set (公文 style): 小标宋 titles, 仿宋
 * body text in 三号 with 28-point lines, 黑体 headings, 宋体 五号 in tables.
 * Shared by every module that writes a .docx, so they all read alike.
 */

export const TITLE_FONT = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体', hAnsi: 'Times New Roman' };
export const BODY_FONT = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
export const HEADING_FONT = { ascii: 'Times New Roman', eastAsia: '黑体', hAnsi: 'Times New Roman' };
export const TABLE_FONT = { ascii: 'Times New Roman', eastAsia: '宋体', hAnsi: 'Times New Roman' };
/** Half-points: 三号 16pt for the body, 五号 10.5pt in a table. */
export const BODY_SIZE = 32;
export const TABLE_SIZE = 20;
export const HEADER_FILL = 'E8EEF7';

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

/** A body paragraph, first line indented by two characters unless `indent: false`. */
export const bodyParagraph = (text: string, options: { indent?: boolean; align?: Alignment; font?: typeof BODY_FONT; bold?: boolean; size?: number } = {}) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: options.font ?? BODY_FONT, size: options.size ?? BODY_SIZE, bold: options.bold })],
  });

/** A table cell of one line of text, centred unless `align: 'left'`. */
export function tableCell(text: string, options: { bold?: boolean; fill?: string; columnSpan?: number; rowSpan?: number; color?: string; align?: 'left' | 'center' } = {}) {
  return new TableCell({
    columnSpan: options.columnSpan,
    rowSpan: options.rowSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: options.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [new TextRun({ text, font: TABLE_FONT, size: TABLE_SIZE, bold: options.bold, color: options.color })],
      }),
    ],
  });
}

/** A ratio as a percentage with one decimal, or — when there is nothing to divide by. */
export const percentText = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);
