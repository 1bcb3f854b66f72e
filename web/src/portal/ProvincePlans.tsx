/**
 * The province's issued PAPI improvement plans on its profile: number and symbol, title, overall
 * progress and progress per dimension (from GET /api/portal/plans). Officials signed in get a link to
 * the plan in their workspace; everyone else sees the public summary only.
 */
import { Progress } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth';
import { useFormat } from '../format';
import { type Geography, usePublicPlans } from './api';

export function ProvincePlans({ code, geography }: { code: string; geography: Geography }) {
  const { t } = useTranslation('portal');
  const { lang, date } = useFormat();
  const { data } = usePublicPlans(code, geography);
  const { data: me } = useMe();
  if (!data) return null;
  const unitName = data.unit ? (lang === 'vi' ? data.unit.nameVi : data.unit.nameEn) : '';
  return (
    <section className="portal-section" aria-labelledby="plans" data-testid="profile-plans">
      <h2 id="plans">{t('plansTitle')}</h2>
      {data.plans.length === 0 ? (
        <p className="portal-note">{data.unit ? t('plansNone', { name: unitName }) : t('plansNoUnit')}</p>
      ) : (
        <>
          {geography === '63' && data.unit && <p className="portal-note">{t('plansMerged', { name: unitName })}</p>}
          {data.plans.map((p) => (
            <article key={p.id} className="panel profile-plan">
              <h3>
                {t('plansHeading', {
                  number: p.number && p.symbol ? `${p.number}/${p.symbol}` : '—',
                  date: p.issuedDate ? date(p.issuedDate) : '—',
                })}
              </h3>
              <p>{p.title}</p>
              <p className="portal-note">
                {t('plansTasks', { tasks: p.taskCount, done: p.doneCount, overdue: p.overdueCount })}
              </p>
              <div className="profile-plan-progress">
                <span>
                  {t('plansProgress')}: <strong data-testid="plan-progress">{p.progress}%</strong>
                </span>
                <Progress percent={p.progress} showInfo={false} aria-label={t('plansProgress')} />
              </div>
              {p.dimensions.length > 0 && (
                <ul className="profile-plan-dims">
                  {p.dimensions.map((d) => (
                    <li key={d.dimension}>
                      <span>
                        D{d.dimension} · {t('plansDimTasks', { tasks: d.taskCount, done: d.doneCount })}:{' '}
                        <strong>{d.progress}%</strong>
                      </span>
                      <Progress percent={d.progress} size="small" showInfo={false} aria-label={`D${d.dimension}`} />
                    </li>
                  ))}
                </ul>
              )}
              {me && <Link to={`/workspace/plans/${p.id}`}>{t('plansOpen')}</Link>}
            </article>
          ))}
        </>
      )}
    </section>
  );
}
