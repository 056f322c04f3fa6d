/**
 * The e-card's QR (电子会员证): it encodes the staff verify page's address with the signed token, so a
 * staff phone's camera opens the page and a handheld scanner types the address into its field.
 * Shared by the member's page (我的会籍) and the staff page (扫码验证); no UI library here.
 */
export const CARD_VERIFY_PATH = '/members/verify';

export const cardVerifyUrl = (token: string) => `${window.location.origin}${CARD_VERIFY_PATH}?t=${encodeURIComponent(token)}`;

/** The token in what was scanned or pasted: the address the QR encodes, or the bare token. */
export function tokenFromScan(text: string): string {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    return url.searchParams.get('t') ?? trimmed;
  } catch {
    return trimmed;
  }
}
