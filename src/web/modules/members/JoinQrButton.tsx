import { DownloadOutlined, PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Image, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { publicUrlInfo } from '../../../server/platform/public-url';
import { api } from '../../lib/api';

/** Unions that hold members directly; only they have a join page. */
export const MEMBER_HOLDING_TYPES = ['grassroots', 'joint', 'platform'];

/** The server's public base URL (参数设置's 系统访问地址, else LIANXIN_PUBLIC_URL, else this browser's address) and whether a phone could reach it. */
type PublicUrl = z.input<typeof publicUrlInfo>;

const usePublicUrl = (enabled: boolean) => useQuery({ queryKey: ['public-url'], queryFn: () => api.get<PublicUrl>('/api/public-url'), enabled, staleTime: Infinity });

const CARD = { width: 640, qr: 440 };
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const RED = '#b7282e';

/** Breaks `text` into lines no wider than `width` (Chinese has no spaces: any character may end a line). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number) {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    if (line && ctx.measureText(line + char).width > width) {
      lines.push(line);
      line = char;
    } else {
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The printable card: the union's name, the QR code and 扫码加入工会, as a PNG data URL. */
async function drawCard(unionName: string, url: string): Promise<string> {
  // Loaded on first use: the org pages need it only when the modal opens.
  const { default: QRCode } = await import('qrcode');
  const qr = await QRCode.toCanvas(url, { width: CARD.qr, margin: 1, errorCorrectionLevel: 'M' });
  const canvas = document.createElement('canvas');
  canvas.width = CARD.width;
  const ctx = canvas.getContext('2d')!;
  // The name decides the height: measure it first (resizing the canvas resets the context).
  ctx.font = `bold 34px ${FONT}`;
  const lines = wrap(ctx, unionName, CARD.width - 80).slice(0, 3);
  const qrTop = 70 + lines.length * 46 + 10;
  canvas.height = qrTop + CARD.qr + 140;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = RED;
  ctx.fillRect(0, 0, CARD.width, 16);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#1f1f1f';
  ctx.font = `bold 34px ${FONT}`;
  lines.forEach((line, i) => ctx.fillText(line, CARD.width / 2, 70 + i * 46));
  ctx.drawImage(qr, (CARD.width - CARD.qr) / 2, qrTop, CARD.qr, CARD.qr);
  ctx.fillStyle = RED;
  ctx.font = `bold 40px ${FONT}`;
  ctx.fillText('扫码加入工会', CARD.width / 2, qrTop + CARD.qr + 50);
  ctx.fillStyle = '#8c8c8c';
  ctx.font = `20px ${FONT}`;
  ctx.fillText('微信或手机浏览器扫一扫，填写信息即可申请入会', CARD.width / 2, qrTop + CARD.qr + 100);
  return canvas.toDataURL('image/png');
}

/** Prints just the card, from a hidden frame, so the page around it does not print. */
function printCard(dataUrl: string, title: string) {
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  document.body.appendChild(frame);
  const doc = frame.contentDocument!;
  doc.title = title;
  const style = doc.createElement('style');
  style.textContent = '@page { margin: 12mm; } body { margin: 0; display: flex; justify-content: center; } img { width: 120mm; }';
  doc.head.appendChild(style);
  const img = doc.createElement('img');
  img.onload = () => {
    frame.contentWindow!.focus();
    frame.contentWindow!.print();
    setTimeout(() => frame.remove(), 1000);
  };
  img.src = dataUrl;
  doc.body.appendChild(img);
}

/** 入会二维码: workers scan it to reach the union's join page; staff download or print the card. */
export function JoinQrButton({ orgId, orgName }: { orgId: number; orgName: string }) {
  const [open, setOpen] = useState(false);
  const [card, setCard] = useState<{ key: string; dataUrl: string } | { key: string; error: string } | null>(null);
  const base = usePublicUrl(open);
  const url = base.data ? `${base.data.url}/join/${orgId}` : '';
  const key = `${orgName}\n${url}`;

  useEffect(() => {
    if (!open || !url || card?.key === key) return;
    let cancelled = false;
    drawCard(orgName, url).then(
      (dataUrl) => !cancelled && setCard({ key, dataUrl }),
      () => !cancelled && setCard({ key, error: '二维码生成失败，请刷新页面后重试' }),
    );
    return () => {
      cancelled = true;
    };
  }, [open, card, key, orgName, url]);

  const ready = card?.key === key ? card : null;

  return (
    <>
      <Button icon={<QrcodeOutlined />} onClick={() => setOpen(true)} data-testid="org-join-qr">
        入会二维码
      </Button>
      <Modal
        open={open}
        title="入会二维码"
        width={480}
        onCancel={() => setOpen(false)}
        footer={
          ready && 'dataUrl' in ready ? (
            <Flex gap={8} justify="end">
              <Button icon={<DownloadOutlined />} href={ready.dataUrl} download={`${orgName}-入会二维码.png`} data-testid="join-qr-download">
                下载
              </Button>
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => printCard(ready.dataUrl, `${orgName} 入会二维码`)}>
                打印
              </Button>
            </Flex>
          ) : null
        }
      >
        <Flex vertical align="center" gap={12} data-testid="join-qr">
          {base.data?.private && (
            <Alert
              type="warning"
              showIcon
              data-testid="join-qr-private"
              title="此二维码指向本机或内网地址，职工手机扫码后打不开"
              description={`${base.data.url} 只能在本机或单位内网访问。打印或分发前，请系统管理员在「参数设置」中把“系统访问地址”改为职工手机能打开的地址（如 https://lianxin.example.org）。`}
            />
          )}
          {base.error && <Alert type="error" showIcon title="读取对外地址失败，请刷新页面后重试" />}
          {!ready && !base.error && <Spin />}
          {ready && 'error' in ready && <Alert type="error" showIcon title={ready.error} />}
          {ready && 'dataUrl' in ready && <Image src={ready.dataUrl} alt={`${orgName} 入会二维码`} width={300} preview={false} />}
          <Typography.Text copyable={{ text: url }} type="secondary" style={{ fontSize: 12 }} data-testid="join-qr-url">
            {url}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            职工用微信或手机浏览器扫码，填写姓名、身份证号和手机号即可申请入会；已是其他工会会员的，可在页面上申请会员接转。
          </Typography.Text>
        </Flex>
      </Modal>
    </>
  );
}
