/**
 * /portal/feedback?dimension=&commune=&q=&page= — answered feedback and petitions, as published by
 * the communes (only the feedback track, only after moderation, never anyone's identity). Filters by
 * PAPI dimension and commune live in the URL so a view can be shared.
 */
import { CheckCircleOutlined, ClockCircleOutlined, FormOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Pagination, Tag } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api/client';
import type { UnitDto } from '../api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { LinkButton } from '../components/LinkButton';
import { useFormat } from '../format';
import { useUrlState } from '../portal/controls';
import { NativeSelect } from '../portal/NativeSelect';
import { DIMENSIONS, PUBLIC_PAGE_SIZE, type PublicAnswer, useAnswers } from './api';
import { CommunePicker } from './CommunePicker';
import '../portal/portal.css';
import './feedback.css';

export default function PortalAnswers() {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const [params, set] = useUrlState();
  const dimension = params.get('dimension') ?? '';
  const communeId = params.get('commune') ?? '';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const communeLabel = useId();

  // The chosen commune's name after a reload (the picker only knows units it has searched).
  const commune = useQuery({
    queryKey: ['units', 'one', communeId],
    queryFn: () => apiGet<UnitDto>(`/api/units/${encodeURIComponent(communeId)}`),
    enabled: !!communeId,
    staleTime: 10 * 60_000,
  });
  const answers = useAnswers({
    dimension: dimension || undefined,
    unitId: communeId || undefined,
    q: q || undefined,
    page,
  });

  return (
    <div className="page fb-page fb-wide">
      <h1>{t('ui.portal.title')}</h1>
      <p className="lead">{t('ui.portal.lead')}</p>
      <div className="fb-actions">
        <LinkButton to="/feedback" type="primary" icon={<FormOutlined />} data-testid="portal-send">
          {t('ui.portal.send')}
        </LinkButton>
        <LinkButton to="/feedback/track" icon={<SearchOutlined />}>
          {t('ui.portal.track')}
        </LinkButton>
      </div>

      <section className="panel fb-filters" aria-label={t('ui.portal.filters')}>
        <NativeSelect
          label={t('ui.portal.dimension')}
          value={dimension}
          testId="portal-dimension"
          onChange={(v) => set({ dimension: v, page: undefined })}
          options={[
            { value: '', label: t('ui.portal.allDimensions') },
            ...DIMENSIONS.map((d) => ({ value: d, label: `${d} · ${t(`ui.dimensions.${d}`)}` })),
          ]}
        />
        <div className="control control-wide">
          <span id={communeLabel}>{t('ui.portal.commune')}</span>
          <CommunePicker
            value={communeId || undefined}
            selected={commune.data}
            allowClear
            placeholder={t('ui.portal.allCommunes')}
            onChange={(v) => set({ commune: v, page: undefined })}
            testId="portal-commune"
            ariaDescribedBy={communeLabel}
          />
        </div>
        <form
          className="control control-wide"
          onSubmit={(e) => {
            e.preventDefault();
            set({ q: text.trim(), page: undefined });
          }}
        >
          <label htmlFor="portal-q">{t('ui.portal.search')}</label>
          <div className="fb-track-row">
            <Input id="portal-q" value={text} onChange={(e) => setText(e.target.value)} allowClear type="search" />
            <Button htmlType="submit" icon={<SearchOutlined />} aria-label={t('ui.portal.search')} />
          </div>
        </form>
      </section>

      <div aria-live="polite">
        {answers.isError && <ErrorNotice error={answers.error} onRetry={() => answers.refetch()} />}
        {answers.data && (
          <p className="strong" data-testid="portal-count">
            {answers.data.total === 0
              ? t('ui.portal.empty')
              : t('ui.portal.count', { count: fmt.number(answers.data.total) })}
          </p>
        )}
      </div>
      {/* While a new filter loads, the previous answers stay, dimmed, and the list says it is busy. */}
      <ul
        className={answers.isPlaceholderData ? 'fb-answers fb-stale' : 'fb-answers'}
        data-testid="portal-answers"
        aria-busy={answers.isFetching}
      >
        {answers.data?.items.map((a) => (
          <AnswerCard key={a.id} item={a} />
        ))}
      </ul>
      {answers.data && answers.data.total > PUBLIC_PAGE_SIZE && (
        <Pagination
          current={page}
          pageSize={PUBLIC_PAGE_SIZE}
          total={answers.data.total}
          showSizeChanger={false}
          onChange={(p) => {
            set({ page: p === 1 ? undefined : String(p) });
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </div>
  );
}

function AnswerCard({ item }: { item: PublicAnswer }) {
  const { t } = useTranslation('feedback');
  const fmt = useFormat();
  const name = (u: { nameVi: string; nameEn: string }) => (fmt.lang === 'en' ? u.nameEn : u.nameVi);
  return (
    <li className="panel fb-answer-card" data-testid="portal-answer">
      <h2>{item.title}</h2>
      <div className="fb-tags">
        <Tag>{`${item.category.dimension} · ${name(item.category)}`}</Tag>
        {item.onTime ? (
          <Tag className="fb-tag-ok" icon={<CheckCircleOutlined />}>
            {t('ui.portal.onTime')}
          </Tag>
        ) : (
          <Tag className="fb-tag-warn" icon={<ClockCircleOutlined />}>
            {t('ui.portal.late')}
          </Tag>
        )}
        {item.rating && (
          <Tag>{item.rating.resolved ? t('ui.portal.ratedResolved') : t('ui.portal.ratedNotResolved')}</Tag>
        )}
      </div>
      <p className="muted fb-meta">
        {t('ui.portal.meta', {
          commune: name(item.commune),
          received: fmt.date(item.receivedAt),
          answered: fmt.date(item.answeredAt),
        })}
      </p>
      <p className="fb-prewrap">{item.description}</p>
      <div className="fb-answer">
        <h3>{t('ui.portal.answerBy', { unit: name(item.unit) })}</h3>
        <p className="fb-prewrap">{item.answer}</p>
      </div>
    </li>
  );
}
