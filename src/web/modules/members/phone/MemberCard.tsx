import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '../../../phone/ui';
import { cardVerifyUrl } from '../card';
import { fetchCardToken, type MyMembership } from './me-api';
import { yearsText } from './shared';

/** Ask for a fresh token this long before the one shown expires (5 minutes: server members/member-card.ts). */
const REFRESH_BEFORE_MS = 30_000;

/**
 * 电子会员证: the member's name, union, card number and 会龄, and a QR that staff scan (扫码验证). The QR holds
 * a signed token valid for five minutes; the page fetches the next one before it runs out, so a screenshot
 * passed on stops working.
 */
export function MemberCard({ name, membership }: { name: string; membership: NonNullable<MyMembership['membership']> }) {
  const card = useQuery({
    queryKey: ['my-card', membership.id],
    queryFn: fetchCardToken,
    refetchInterval: (query) => (query.state.data ? Math.max(5_000, Date.parse(query.state.data.expiresAt) - Date.now() - REFRESH_BEFORE_MS) : false),
    refetchIntervalInBackground: false,
  });
  const [qr, setQr] = useState<string | null>(null);
  const token = card.data?.token;
  useEffect(() => {
    if (!token) return;
    let current = true;
    // The QR library is loaded with the card only, not with the rest of the phone app.
    void import('qrcode').then(({ default: QRCode }) =>
      QRCode.toDataURL(cardVerifyUrl(token), { margin: 1, width: 480, errorCorrectionLevel: 'M' }).then((url) => current && setQr(url)),
    );
    return () => {
      current = false;
    };
  }, [token]);
  const now = useNow();
  const secondsLeft = card.data ? Math.max(0, Math.round((Date.parse(card.data.expiresAt) - now) / 1000)) : 0;

  return (
    <section className="me-card" data-testid="me-card">
      <div className="me-card-head">
        <span className="me-card-mark">电子会员证</span>
        <span className={`me-card-status is-${membership.tone}`} data-testid="me-status">
          {membership.statusLabel}
        </span>
      </div>
      <div className="me-card-name" data-testid="me-name">
        {name}
      </div>
      <div className="me-card-union">{membership.orgName}</div>
      <dl className="me-card-facts">
        <div>
          <dt>会员证号</dt>
          <dd data-testid="me-card-no">{membership.cardNo}</dd>
        </div>
        <div>
          <dt>会龄</dt>
          <dd data-testid="me-years">{yearsText(membership.years)}</dd>
        </div>
        <div>
          <dt>会龄起算</dt>
          <dd>{membership.memberSince}</dd>
        </div>
      </dl>
      <div className="me-card-qr">
        {card.error ? (
          <Button size="small" onClick={() => void card.refetch()}>
            二维码加载失败，点此重试
          </Button>
        ) : qr && token ? (
          <img src={qr} alt="会员证二维码" data-testid="me-card-qr" data-token={token} />
        ) : (
          <span className="me-card-qr-wait">正在生成二维码…</span>
        )}
      </div>
      <div className="me-card-hint">
        请工作人员扫码验证 · {secondsLeft > 0 ? `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')} 后自动刷新` : '正在刷新'}
      </div>
    </section>
  );
}

/** The time, once a second: the QR's countdown. */
function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
