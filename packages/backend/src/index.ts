/*
 * The Backstage backend of the local stack: catalog, scaffolder, auth (guest for local use),
 * permissions with the project's policy, and the SageMaker scaling plugin, catalog module and
 * scaffolder module.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: the guest provider is for local use only; see README "Production" for real providers
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// ML services from the labelled ACK Endpoints of the configured clusters (template delivery "apply")
backend.add(import('@mlplatform/plugin-catalog-backend-module-sagemaker'));

// permissions, with this project's policy (not allow-all)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicyModule'));

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@mlplatform/plugin-scaffolder-backend-module-sagemaker'));

// SageMaker endpoint scaling: REST API, live stream and the service for other plugins
backend.add(import('@mlplatform/plugin-sagemaker-scaling-backend'));

// Agent tools: the actions of the plugins in backend.actions.pluginSources, over MCP
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// notifications (the bell) and signals (live updates of it); the scaling plugin notifies owners through them
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
