import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';

/**
 * The app is on the new frontend system. Plugins (catalog, scaffolder, org, user settings and
 * our SageMaker scaling plugin) are discovered from this package's dependencies because
 * app-config.yaml sets `app.packages: all`.
 */
export default createApp({
  features: [navModule],
});
