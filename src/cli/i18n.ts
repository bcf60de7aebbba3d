export { t } from '../i18n/index.ts';
