import type {
  FindingSeverity,
  ScalingFinding,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { FINDING_RULES, type FindingContext } from './findingRules';

const SEVERITY_ORDER: FindingSeverity[] = ['error', 'warning', 'info'];

/**
 * Runs every rule of {@link FINDING_RULES}: most severe first, equal severity in the
 * table's order, and one rule's findings in the order it found them.
 * @internal
 */
export function computeFindings(context: FindingContext): ScalingFinding[] {
  return SEVERITY_ORDER.flatMap(severity =>
    FINDING_RULES.filter(rule => rule.severity === severity).flatMap(rule =>
      rule.detect(context).map(detail => ({
        code: rule.code,
        severity: rule.severity,
        ...detail,
      })),
    ),
  );
}
