import { Link } from '../components/link.tsx';
import { PageHead } from '../components/page-head.tsx';
import { Empty } from '../components/states.tsx';
import { useI18n } from '../context.ts';
import { ROUTES } from '../route.ts';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHead title={t('notFound.title')} />
      <Empty title={t('notFound.text')}>
        <Link href={ROUTES.overview}>{t('notFound.back')}</Link>
      </Empty>
    </>
  );
}
