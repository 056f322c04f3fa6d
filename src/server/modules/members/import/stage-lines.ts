/**
 * Validating roster lines for staging (花名册导入 → 预览): each line as the
 * union would have typed it into the join form, with Excel's damage told
 * apart, the ID kept only as the persons table keeps it (keyed hash, cipher,
 * masked). Pure computation over rows: the import service runs it in its own
 * thread for small files and in a worker thread (stage-worker.ts) for big ones.
 */
import { isExcelMangledNumber, maskResidentId, normaliseResidentIdInput, parseCreditCode, parseMobile, parseResidentId } from '../../../platform/cn-ids.js';
import type { PersonalDataCipher } from '../../../platform/personal-data.js';
import { buildSearchDocument } from '../../../platform/search-tokens.js';
import type { EmploymentForm } from '../schema.js';
import { JOINING_REFUSED, memberSearchDocument, oldEnoughOn, PERSON_NAME, personCodes } from '../person-fields.js';
import { cellText, cellValue, cleanText, employmentFormOf, parseDateCell, type RawRow, type RosterField, RosterFileError, type RosterHeader, unwrapTextCell } from './read-roster.js';
import { LINES_PER_IMPORT } from './schema.js';

/** Lines per batch: per staging INSERT, and per message from the worker. */
export const BATCH_ROWS = 2000;

/**
 * Reasons a line is refused, in the words the union's staff read; the
 * joining rules shared with the desk speak in JOINING_REFUSED's words.
 * Unlike a desk entry (MemberService.addMember), a line needs no phone,
 * employer or platform: a roster lists the union's members as it has them,
 * often without those columns, and the registry keeps them as blanks.
 */
const REASON = {
  noName: '缺少姓名',
  badName: '姓名应为 2–30 个汉字或字母',
  noId: '缺少身份证号',
  numericId: '身份证号被 Excel 存成了数字，超过 15 位的部分已变成 0（末位的 X 也会丢失）；请把该列设为「文本」格式后重新填写',
  scientificId: '身份证号被 Excel 显示成科学计数法（如 3.30482E+17），后几位已丢失；请把该列设为「文本」格式后重新填写',
  seventeenDigits: '身份证号只有 17 位，可能是末位的 X 被 Excel 去掉了；请核对后补全',
  badPhone: '手机号格式不正确',
};


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

/** Validate one line: what the union would have typed into the join form, with Excel's damage told apart. */
function stageLine(row: RawRow, header: RosterHeader, searchDoc: ReturnType<typeof searchDocs>, todayDate: string, cipher: PersonalDataCipher): StagedLine {
  const get = (field: RosterField): unknown => {
    for (const column of header.columns[field] ?? []) {
      const value = cellValue(row.cells[column]);
      if (value != null && cleanText(value) !== '') return value;
    }
    return null;
  };
  const reasons: string[] = [];
  const notes: string[] = [];

  const name = cleanText(get('name')).replace(/\s+/g, '');
  if (!name) reasons.push(REASON.noName);
  else if (!PERSON_NAME.test(name)) reasons.push(REASON.badName);

  const rawId = get('residentId');
  let idText = '';
  let id: Extract<ReturnType<typeof parseResidentId>, { ok: true }> | null = null;
  if (rawId == null) {
    reasons.push(REASON.noId);
  } else if (typeof rawId === 'number') {
    idText = cellText(rawId);
    if (isExcelMangledNumber(rawId)) reasons.push(REASON.numericId);
    else {
      const parsed = parseResidentId(normaliseResidentIdInput(rawId));
      if (parsed.ok) id = parsed;
      else reasons.push(`身份证号${parsed.reason}`);
    }
  } else {
    idText = unwrapTextCell(cellText(rawId));
    if (isExcelMangledNumber(idText)) {
      reasons.push(/e\+/i.test(idText) ? REASON.scientificId : REASON.seventeenDigits);
    } else {
      const parsed = parseResidentId(normaliseResidentIdInput(idText));
      if (parsed.ok) id = parsed;
      else reasons.push(`身份证号${parsed.reason}`);
    }
  }

  // A date that cannot be read or lies ahead is a slip of the roster's date column, not a decision about the
  // person: the line is kept from the day of the import, with a note in the preview (the desk refuses such a
  // date, and its user corrects it there and then). A date reaching into the person's previous membership
  // needs the database: classify and commit check it (service.ts).
  let joinedOn = todayDate;
  const rawJoined = get('joinedOn');
  if (rawJoined != null) {
    const date = parseDateCell(rawJoined);
    if (!date) notes.push(`入会日期「${cleanText(rawJoined).slice(0, 20)}」无法识别，按导入当天计`);
    else if (date > todayDate) notes.push(`入会日期 ${date} 晚于今天，按导入当天计`);
    else joinedOn = date;
  }
  if (id && !oldEnoughOn(id.birthDate, todayDate)) reasons.push(JOINING_REFUSED.tooYoung);
  else if (id && !oldEnoughOn(id.birthDate, joinedOn)) reasons.push(JOINING_REFUSED.joinedBeforeMinAge);

  let phone: string | null = null;
  const rawPhone = get('phone');
  if (rawPhone != null) {
    const parsed = parseMobile(cleanText(rawPhone));
    if (parsed.ok) phone = parsed.mobile;
    else reasons.push(REASON.badPhone);
  }

  let employerCreditCode: string | null = null;
  const rawCode = get('employerCreditCode');
  if (rawCode != null) {
    const parsed = parseCreditCode(cleanText(rawCode));
    if (parsed.ok) employerCreditCode = parsed.code;
    else reasons.push(`统一社会信用代码${parsed.reason}`);
  }

  const employmentForm = employmentFormOf(cleanText(get('employmentForm')));
  const employerName = cleanText(get('employerName')).slice(0, 100) || null;
  const platformName = cleanText(get('platformName')).slice(0, 50) || null;
  const displayName = (name || cleanText(get('name'))).slice(0, 50) || null;

  if (reasons.length > 0 || !id) {
    const shown = id ? id.id : idText.replace(/\s+/g, '');
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
    if (row.line >= LINES_PER_IMPORT) throw new RosterFileError(`文件超过 ${LINES_PER_IMPORT - 1} 行，请拆分后分批导入`, 'Too many lines in one file');
    read++;
    lines.push(stageLine(row, header, searchDoc, todayDate, cipher));
    if (lines.length >= BATCH_ROWS) {
      yield { lines, read };
      lines = [];
    }
  }
  if (lines.length > 0) yield { lines, read };
}
