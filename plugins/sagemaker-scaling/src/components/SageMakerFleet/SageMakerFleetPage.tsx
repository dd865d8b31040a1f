import { Content, Header, Page } from '@backstage/core-components';
import {
  SageMakerFleetView,
  type SageMakerFleetPageProps,
} from './SageMakerFleetView';

/** The page's title, as in the sidebar item. */
const FLEET_PAGE_TITLE = 'ML endpoints';

/** The page's content, under the new frontend system's own page header. @internal */
export function SageMakerFleetContent(props: SageMakerFleetPageProps) {
  return (
    <Content>
      <SageMakerFleetView {...props} />
    </Content>
  );
}

/** The whole page with its header, for the legacy frontend system. @internal */
export function SageMakerFleetPage(props: SageMakerFleetPageProps) {
  return (
    <Page themeId="tool">
      <Header
        title={FLEET_PAGE_TITLE}
        subtitle="Every ML service you may see, with its SageMaker endpoint's scaling"
      />
      <SageMakerFleetContent {...props} />
    </Page>
  );
}
