import { CheckCircleFilled, CopyOutlined, SearchOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitDto } from '../api/types';
import { LinkButton } from '../components/LinkButton';
import { useFormat } from '../format';
import { unitName } from '../units';
import type { SubmitResult } from './api';

/** Copies text; falls back to selecting it where the clipboard API is unavailable (plain http). */
async function copyText(text: string, fallback: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallback) {
      const range = document.createRange();
      range.selectNodeContents(fallback);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    return false;
  }
}

/** After sending: the tracking code (large, copyable) and what happens next, with the deadline. */
export function Confirmation({
  result,
  unit,
  onAnother,
}: {
  result: SubmitResult;
  unit?: UnitDto;
  onAnother: () => void;
}) {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | undefined>();
  const unitLabel = unit ? unitName(unit, fmt.lang) : '';

  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus();
  }, []);

  return (
    <div className="page fb-page" data-testid="fb-confirmation">
      <section className="panel fb-confirm">
        <h1 ref={heading} tabIndex={-1}>
          <CheckCircleFilled className="fb-ok-icon" aria-hidden /> {t('ui.confirm.title')}
        </h1>
        <p>{t(`ui.confirm.lead.${result.track}`, { unit: unitLabel })}</p>

        <div className="fb-code-box">
          <span className="fb-code-label" id="fb-code-label">
            {t('ui.confirm.codeLabel')}
          </span>
          <strong className="fb-code" ref={codeRef} data-testid="fb-code">
            {result.trackingCode}
          </strong>
          <Button
            icon={<CopyOutlined />}
            onClick={async () => setCopied((await copyText(result.trackingCode, codeRef.current)) ? 'yes' : 'select')}
            data-testid="fb-copy"
          >
            {t('ui.confirm.copy')}
          </Button>
          <span className="fb-copied" aria-live="polite">
            {copied === 'yes' ? t('ui.confirm.copied') : copied === 'select' ? t('ui.confirm.copySelect') : ''}
          </span>
        </div>
        <p className="strong">{t('ui.confirm.keepCode')}</p>

        <h2>{t('ui.confirm.nextTitle')}</h2>
        <ol className="fb-next">
          <li>{t('ui.confirm.next1', { unit: unitLabel })}</li>
          <li data-testid="fb-due">{t(`ui.confirm.next2.${result.track}`, { date: fmt.date(result.acceptDue) })}</li>
          <li>{t(`ui.confirm.next3.${result.track}`)}</li>
          {result.moderation === 'pending' && result.track === 'feedback' && (
            <li>{t('ui.confirm.moderationPending')}</li>
          )}
        </ol>

        <div className="fb-actions">
          <LinkButton
            type="primary"
            size="large"
            icon={<SearchOutlined />}
            to={`/feedback/track?code=${encodeURIComponent(result.trackingCode)}`}
            data-testid="fb-track-now"
          >
            {t('ui.confirm.trackNow')}
          </LinkButton>
          <Button size="large" onClick={onAnother}>
            {t('ui.confirm.another')}
          </Button>
        </div>
      </section>
    </div>
  );
}
