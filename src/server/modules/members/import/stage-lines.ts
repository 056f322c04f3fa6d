/**
 * Validating roster lines for staging (花名册导入 → 预览): each line as the
 * union would have typed it into the join form, with Excel's damage told
 * apart, the ID kept only as the persons table keeps it (keyed hash, cipher,
 * masked). Pure computation over rows: the import service runs it in its own
 * thread for small files and in a worker thread (stage-worker.ts) for big ones.
 */
import { isExcelMangledNumber, maskResidentId } from '../../../platform/cn-ids.js';
import type { PersonalDataCipher } from '../../../platform/personal-data.js';
import { buildSearchDocument } from '../../../platform/search-tokens.js';
import type { EmploymentForm } from '../schema.js';
import { type JoiningIssue, joiningIssues, memberSearchDocument, personCodes } from '../person-fields.js';
import { cellText, cellValue, cleanText, parseDateCell, type RawRow, TableFileError, unwrapTextCell } from '../../../platform/table-file.js';
import { employmentFormOf, FIELD_LABELS, type RosterField, type RosterHeader } from './read-roster.js';
import { LINES_PER_IMPORT } from './schema.js';

/** Lines per batch: per staging INSERT, and per message from the worker. */
export const BATCH_ROWS = 2000;

/**
 * What Excel did to an ID cell, when it damaged it beyond repair: told apart
 * from a wrong ID, since the fix is the column's format. The joining rules
 * themselves are the desk's (person-fields.ts joiningIssues, which lists where
 * a line differs and why).
 */
const EXCEL_DAMAGE = {
  numericId: '身份证号被 Excel 存成了数字，超过 15 位的部分已变成 0（末位的 X 也会丢失）；请把该列设为「文本」格式后重新填写',
  scientificId: '身份证号被 Excel 显示成科学计数法（如 3.30482E+17），后几位已丢失；请把该列设为「文本」格式后重新填写',
  seventeenDigits: '身份证号只有 17 位，可能是末位的 X 被 Excel 去掉了；请核对后补全',
};

/** The ID cell's text, and Excel's damage to it if any (a 15-digit legacy number survives as a number). */
function readIdCell(raw: unknown): { text: string; damage: string | null } {
  if (raw == null) return { text: '', damage: null };
  if (typeof raw === 'number') return { text: cellText(raw), damage: isExcelMangledNumber(raw) ? EXCEL_DAMAGE.numericId : null };
  const text = unwrapTextCell(cellText(raw));
  if (!isExcelMangledNumber(text)) return { text, damage: null };
  return { text, damage: /e\+/i.test(text) ? EXCEL_DAMAGE.scientificId : EXCEL_DAMAGE.seventeenDigits };
}

/** A joining issue as a line says it, with no field beside it: 缺少姓名, 身份证号校验码错误. */
const lineReason = (issue: JoiningIssue) =>
  issue.kind === 'missing' ? `缺少${FIELD_LABELS[issue.field]}` : issue.kind === 'fault' ? `${FIELD_LABELS[issue.field]}${issue.reason}` : issue.reason;

/** A staged line before it is written. */
export interface StagedLine {
  line: number;
  outcome: 'new' | 'rejected';
  reason: string | null;
  idHash: string | null;
  idCipher: string | null;
  idMasked: string | null;
  name: string | null;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  phone: string | null;
  employmentForm: EmploymentForm;
  employerName: string | null;
  employerCreditCode: string | null;
  platformName: string | null;
  joinedOn: string | null;
  searchDoc: string | null;
}


/** A line's search document without the card number (added on commit); names repeat, so each name's tokens are built once per upload. */
export function searchDocs() {
  const names = new Map<string, string>();
  return (m: { name: string; idMasked: string; phone: string | null }) => {
    let nameTokens = names.get(m.name);
    if (nameTokens === undefined) {
      if (names.size > 100_000) names.clear();
      nameTokens = memberSearchDocument({ name: m.name, idMasked: '', phone: null });
      names.set(m.name, nameTokens);
    }
    return `${nameTokens} ${buildSearchDocument({ exact: personCodes(m) })}`;
  };
}

/**
 * The first non-empty cell of a field's columns: its value as read and its text, cleaned once. (Module
 * functions, not closures per line: tsx names every closure it creates.)
 */
function fieldCell(row: RawRow, header: RosterHeader, field: RosterField): { value: unknown; text: string } | null {
  for (const column of header.columns[field] ?? []) {
    const value = cellValue(row.cells[column]);
    if (value == null) continue;
    const text = cleanText(value);
    if (text !== '') return { value, text };
  }
  return null;
}

function fieldText(row: RawRow, header: RosterHeader, field: RosterField): string {
  return fieldCell(row, header, field)?.text ?? '';
}

/** Validate one line: what the union would have typed into the join form, with Excel's damage told apart. */
function stageLine(row: RawRow, header: RosterHeader, searchDoc: ReturnType<typeof searchDocs>, todayDate: string, cipher: PersonalDataCipher): StagedLine {
  const notes: string[] = [];
  // A date that cannot be read or lies ahead is a slip of the roster's date column, not a decision about the
  // person: the line is kept from the day of the import, with a note in the preview (the desk refuses such a
  // date, and its user corrects it there and then). A date reaching into the person's previous membership
  // needs the database: classify and commit check it (service.ts).
  let joinedOn = todayDate;
  const joinedCell = fieldCell(row, header, 'joinedOn');
  if (joinedCell) {
    const date = parseDateCell(joinedCell.value);
    if (!date) notes.push(`入会日期「${joinedCell.text.slice(0, 20)}」无法识别，按导入当天计`);
    else if (date > todayDate) notes.push(`入会日期 ${date} 晚于今天，按导入当天计`);
    else joinedOn = date;
  }
  const idCell = readIdCell(fieldCell(row, header, 'residentId')?.value ?? null);
  // A damaged ID is checked as none, and the line says what Excel did instead. Names longer than their column are cut to it.
  const { issues, joiner } = joiningIssues(
    {
      name: fieldText(row, header, 'name'),
      residentId: idCell.damage ? '' : idCell.text,
      phone: fieldText(row, header, 'phone') || null,
      employmentForm: employmentFormOf(fieldText(row, header, 'employmentForm')),
      employerName: fieldText(row, header, 'employerName').slice(0, 100),
      employerCreditCode: fieldText(row, header, 'employerCreditCode') || null,
      platformName: fieldText(row, header, 'platformName').slice(0, 50),
    },
    { today: todayDate, joinedOn, roster: true },
  );
  const reasons = issues.map((issue) => (issue.field === 'residentId' && idCell.damage ? idCell.damage : lineReason(issue)));
  const { name, id, phone } = joiner;
  const { employmentForm, employerName, employerCreditCode, platformName } = joiner.employment;
  const displayName = name.slice(0, 50) || null;

  if (reasons.length > 0 || !id) {
    const shown = id ? id.id : idCell.text.replace(/\s+/g, '');
    return {
      line: row.line,
      outcome: 'rejected',
      reason: reasons.join('；'),
      idHash: null,
      idCipher: null,
      idMasked: shown ? maskResidentId(shown).slice(0, 18) : null,
      name: displayName,
      sex: null,
      birthDate: null,
      phone,
      employmentForm,
      employerName,
      employerCreditCode,
      platformName,
      joinedOn: null,
      searchDoc: null,
    };
  }
  const idMasked = maskResidentId(id.id);
  return {
    line: row.line,
    outcome: 'new',
    reason: notes.length ? notes.join('；') : null,
    idHash: cipher.hashResidentId(id.id).toString('hex'),
    idCipher: cipher.encrypt(id.id).toString('hex'),
    idMasked,
    name,
    sex: id.sex,
    birthDate: id.birthDate,
    phone,
    employmentForm,
    employerName,
    employerCreditCode,
    platformName,
    joinedOn,
    searchDoc: searchDoc({ name, idMasked, phone }),
  };
}

/** What a batch of staged lines carries: the lines, and how many lines have been read in all. */
export interface StagedBatch {
  lines: StagedLine[];
  read: number;
}

/**
 * The lines after the header, validated, a batch at a time. Template rows
 * that carry only a 序号, and blank rows, are not lines of the roster.
 */
export async function* stageBatches(rows: AsyncIterable<RawRow>, header: RosterHeader, cipher: PersonalDataCipher, todayDate: string): AsyncGenerator<StagedBatch> {
  const searchDoc = searchDocs();
  const meaningful = Object.values(header.columns).flat();
  let lines: StagedLine[] = [];
  let read = 0;
  for await (const row of rows) {
    if (row.line <= header.line || meaningful.every((c) => cleanText(row.cells[c]) === '')) continue;
    if (row.line >= LINES_PER_IMPORT) throw new TableFileError(`文件超过 ${LINES_PER_IMPORT - 1} 行，请拆分后分批导入`, 'Too many lines in one file');
    read++;
    lines.push(stageLine(row, header, searchDoc, todayDate, cipher));
    if (lines.length >= BATCH_ROWS) {
      yield { lines, read };
      lines = [];
    }
  }
  if (lines.length > 0) yield { lines, read };
}
