export interface Config {
  sagemakerScaling?: {
    /** Settings of the SageMaker scaffolder actions. */
    scaffolder?: {
      /**
       * Folder where `sagemaker:catalog:register-local` writes the catalog-info.yaml of new
       * ML services (one `<name>.yaml` per service) and registers it as a `file` location,
       * so a service lands in the catalog without a git host. Relative paths are resolved
       * against the backend's working directory. The action is only offered when this is
       * set. The catalog must allow `file` locations (catalogLocationsExtensionPoint).
       */
      localCatalogDirectory?: string;
    };
  };
}
