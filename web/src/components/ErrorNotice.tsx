import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';

/** A failed request, said in the current language, with a retry when one can help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={describeError(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
