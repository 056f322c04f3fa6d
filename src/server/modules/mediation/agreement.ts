import { AlignmentType, Document, Packer, Paragraph, Table, TableLayoutType, TableRow, TextRun, WidthType } from 'docx';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { chineseDate } from '../../platform/beijing-time.js';
import { bodyParagraph, HEADER_FILL, HEADING_FONT, tableCell, TITLE_FONT } from '../../platform/docx-kit.js';
import { AppError } from '../../platform/errors.js';
import type { CaseRecords } from './records.js';
import { mediationStudios } from './schema.js';

/**
 * 调解协议书, printable: the parties (the workers covered and the enterprise
 * with its 统一社会信用代码), the matter, the terms, what each worker is paid
 * and when, and the lines where the parties and the mediator sign. Whoever
 * sees the case may print it once there is an agreement; it holds nothing of
 * the team's notes.
 */

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

export function createAgreementDocument(ctx: { db: Db }, parts: { records: Pick<CaseRecords, 'find' | 'partiesOf'> }) {
  const { db } = ctx;
  const { records } = parts;

  const table = (headers: string[], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      layout: TableLayoutType.AUTOFIT,
      rows: [new TableRow({ tableHeader: true, children: headers.map((h) => tableCell(h, { bold: true, fill: HEADER_FILL })) }), ...rows.map((cells) => new TableRow({ children: cells.map((text) => tableCell(text)) }))],
    });
  const heading = (text: string) => bodyParagraph(text, { font: HEADING_FONT });

  return {
    async agreementDocx(actor: Actor, caseId: number) {
      const row = await records.find(actor, caseId);
      if (row.agreedTotal === null) throw new AppError('INVALID_TRANSITION', '本案尚未达成调解协议', 'The case has no agreement');
      const [parties, [studio]] = await Promise.all([records.partiesOf(row), db.select({ name: mediationStudios.name }).from(mediationStudios).where(eq(mediationStudios.id, row.studioId))]);
      const partyName = new Map(parties.map((p) => [p.id, p.name]));
      const shares = row.agreementShares ?? [];
      const instalments = row.agreementInstalments ?? [];
      const covered = shares.map((s) => partyName.get(s.partyId) ?? '').join('、');
      const children = [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: '人民调解协议书', font: TITLE_FONT, size: 44 })] }),
        ...(row.courtCaseNo ? [bodyParagraph(`法院案号：${row.courtCaseNo}（${row.courtName ?? ''}${row.source === 'court_pre_filing' ? '委派' : '委托'}调解）`, { indent: false })] : []),
        heading('一、当事人'),
        bodyParagraph(`申请人（职工）：${covered}，共 ${shares.length} 人。`),
        bodyParagraph(`被申请人（用人单位）：${row.enterpriseName}${row.enterpriseCreditCode ? `，统一社会信用代码 ${row.enterpriseCreditCode}` : ''}。`),
        heading('二、纠纷事项'),
        bodyParagraph(`${row.subject}。${row.facts}`),
        heading('三、协议内容'),
        bodyParagraph(row.agreementTerms ?? ''),
        bodyParagraph(`被申请人向申请人支付共计 ${yuan(row.agreedTotal)}，各申请人金额如下：`),
        table(
          ['序号', '职工', '金额'],
          shares.map((s, i) => [String(i + 1), partyName.get(s.partyId) ?? '', yuan(s.amount)]),
        ),
        bodyParagraph('支付期限：'),
        table(
          ['期次', '支付日期', '金额'],
          instalments.map((p, i) => [`第 ${i + 1} 期`, chineseDate(p.dueOn), yuan(p.amount)]),
        ),
        bodyParagraph('本协议经双方当事人签名（盖章）、调解员签名并加盖调解组织印章后生效，双方应当按照约定履行。双方可以自本协议生效之日起三十日内共同向人民法院申请司法确认。'),
        bodyParagraph('申请人（签名）：', { indent: false }),
        bodyParagraph('被申请人（盖章）：', { indent: false }),
        bodyParagraph('调解员（签名）：', { indent: false }),
        bodyParagraph(studio?.name ?? '', { indent: false, align: AlignmentType.RIGHT }),
        bodyParagraph(chineseDate(row.agreedOn!), { indent: false, align: AlignmentType.RIGHT }),
      ];
      const doc = new Document({ creator: studio?.name ?? '', title: `调解协议书 ${row.subject}`, sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }] });
      return { fileName: `调解协议书-${row.subject}.docx`, body: await Packer.toBuffer(doc) };
    },
  };
}
