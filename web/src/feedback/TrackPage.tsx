/**
 * /feedback/track?code= — anyone holding a tracking code sees where the matter stands: status
 * timeline, the deadline (and whether it has passed), the answer once given, and a "was it resolved?"
 * rating after the answer. Never the sender's identity (the API does not send it).
 */
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Radio, Rate, Tag, Timeline } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFormat } from '../format';
import { type Tracking, useRate, useTracking } from './api';
import { StatusTag } from './StatusTag';
import './feedback.css';

const normalise = (code: string) => code.trim().toUpperCase().replace(/\s+/g, '');

export default function TrackPage() {
  const { t } = useTranslation('feedback');
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const [text, setText] = useState(code);
  const inputId = useId();
  const tracked = useTracking(code || undefined);

  useEffect(() => setText(code), [code]);

  const notFound = tracked.error instanceof ApiError && tracked.error.status === 404;

  return (
    <div className="page fb-page">
      <h1>{t('ui.track.title')}</h1>
      <p className="lead">{t('ui.track.lead')}</p>
      <form
        className="panel fb-track-form"
        onSubmit={(e) => {
          e.preventDefault();
          const c = normalise(text);
          if (c) setParams({ code: c });
        }}
      >
        <label htmlFor={inputId} className="strong">
          {t('ui.track.codeLabel')}
        </label>
        <div className="fb-track-row">
          <Input
            id={inputId}
            size="large"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('ui.track.codePlaceholder')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            data-testid="track-code"
          />
          <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined />} data-testid="track-submit">
            {t('ui.track.search')}
          </Button>
        </div>
      </form>

      <div aria-live="polite">
        {code && tracked.isPending && <p className="muted">{t('ui.track.loading')}</p>}
        {notFound && (
          <Alert type="warning" showIcon title={t('ui.track.notFound', { code })} data-testid="track-not-found" />
        )}
        {tracked.isError && !notFound && <ErrorNotice error={tracked.error} onRetry={() => tracked.refetch()} />}
        {tracked.data && <TrackedView item={tracked.data} />}
      </div>
      <p style={{ marginTop: 24 }}>
        <Link to="/feedback">{t('ui.track.sendNew')}</Link>
      </p>
    </div>
  );
}

function TrackedView({ item }: { item: Tracking }) {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const name = (u: { nameVi: string; nameEn: string }) => (fmt.lang === 'en' ? u.nameEn : u.nameVi);
  const finished = item.status === 'answered' || item.status === 'closed' || item.status === 'rejected';
  // Before acceptance the deadline that runs is the one to accept (thụ lý); after it, the one to resolve.
  const due = item.status === 'received' ? item.acceptDue : item.resolveDue;

  return (
    <section className="panel fb-tracked" data-testid="tracked" aria-labelledby="tracked-title">
      <h2 id="tracked-title">{item.title}</h2>
      <div className="fb-tags">
        <StatusTag status={item.status} />
        <Tag>{t(`ui.tracks.${item.track}.title`)}</Tag>
        {item.overdue && !finished && <Tag className="fb-tag-bad">{t('ui.status.overdue')}</Tag>}
      </div>
      <dl className="fb-facts">
        <dt>{t('ui.track.code')}</dt>
        <dd className="fb-mono">{item.trackingCode}</dd>
        <dt>{t('ui.form.category')}</dt>
        <dd>{name(item.category)}</dd>
        <dt>{t('ui.track.commune')}</dt>
        <dd>{name(item.commune)}</dd>
        {item.unit.id !== item.commune.id && (
          <>
            <dt>{t('ui.track.unit')}</dt>
            <dd>{name(item.unit)}</dd>
          </>
        )}
        <dt>{t('ui.track.received')}</dt>
        <dd>{fmt.date(item.receivedAt)}</dd>
        {due && !finished && (
          <>
            <dt>{item.status === 'received' ? t('ui.track.acceptDue') : t('ui.track.resolveDue')}</dt>
            <dd data-testid="track-due">
              {fmt.date(due)}
              {item.overdue ? ` — ${t('ui.track.duePassed')}` : ''}
            </dd>
          </>
        )}
      </dl>

      <h3>{t('ui.track.timeline')}</h3>
      <Timeline
        data-testid="track-timeline"
        items={item.events.map((e, i) => ({
          key: `${i}-${e.at}`,
          color: e.status === 'rejected' ? 'red' : e.status === 'answered' || e.status === 'closed' ? 'green' : 'blue',
          content: (
            <div>
              <strong>{e.status ? t(`ui.status.${e.status}`) : t('ui.track.note')}</strong>{' '}
              <span className="muted">· {fmt.dateTime(e.at)}</span>
              {e.note ? <div className="fb-prewrap">{e.note}</div> : null}
            </div>
          ),
        }))}
      />
      {item.status === 'rejected' && item.rejectReason && (
        <Alert type="warning" showIcon title={t('ui.track.rejected')} description={item.rejectReason} />
      )}

      {item.answer && item.answeredAt ? (
        <div className="fb-answer" data-testid="track-answer">
          <h3>{t('ui.track.answer', { date: fmt.date(item.answeredAt) })}</h3>
          <p className="fb-prewrap">{item.answer}</p>
        </div>
      ) : (
        !finished && <p className="muted">{t(`ui.track.waiting.${item.track}`)}</p>
      )}
      {item.track !== 'feedback' && (item.status === 'answered' || item.status === 'closed') && (
        <p className="muted">{t('ui.track.answeredInWriting')}</p>
      )}

      {item.rating ? (
        <p className="strong" data-testid="track-rated">
          {item.rating.resolved ? t('ui.rate.thanksResolved') : t('ui.rate.thanksNotResolved')}
        </p>
      ) : item.canRate ? (
        <RateForm code={item.trackingCode} />
      ) : null}
    </section>
  );
}

function RateForm({ code }: { code: string }) {
  const { t } = useTranslation('feedback');
  const rate = useRate(code);
  const [resolved, setResolved] = useState<boolean>();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const groupId = useId();
  const scoreId = useId();
  const commentId = useId();
  return (
    <form
      className="fb-rate"
      onSubmit={(e) => {
        e.preventDefault();
        if (resolved !== undefined)
          rate.mutate({ resolved, score: score || undefined, comment: comment.trim() || undefined });
      }}
      data-testid="rate-form"
    >
      <h3 id={groupId}>{t('ui.rate.question')}</h3>
      <Radio.Group
        aria-labelledby={groupId}
        value={resolved}
        onChange={(e) => setResolved(e.target.value as boolean)}
        options={[
          { value: true, label: t('ui.rate.yes') },
          { value: false, label: t('ui.rate.no') },
        ]}
      />
      <div className="fb-rate-score">
        <span id={scoreId}>{t('ui.rate.score')}</span>
        <Rate value={score} onChange={setScore} aria-labelledby={scoreId} data-testid="rate-score" />
      </div>
      <div className="fb-rate-comment">
        <label htmlFor={commentId}>{t('ui.rate.comment')}</label>
        <Input.TextArea
          id={commentId}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={1000}
          rows={2}
        />
      </div>
      {rate.isError && <ErrorNotice error={rate.error} />}
      <Button htmlType="submit" type="primary" disabled={resolved === undefined} loading={rate.isPending}>
        {t('ui.rate.send')}
      </Button>
    </form>
  );
}
