import type { EditableSettings } from '../scaling/settingsVersion';

/** The settings that have a value (an unset one is left out, so a spread keeps the other side's). @internal */
export function definedSettings(settings: EditableSettings): EditableSettings {
  return Object.fromEntries(
    Object.entries(settings).filter(([, v]) => v !== undefined),
  ) as EditableSettings;
}
