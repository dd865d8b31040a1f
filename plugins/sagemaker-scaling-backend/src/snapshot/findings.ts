import type {
  FindingSeverity,
  ScalingFinding,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { FINDING_RULES, type FindingContext } from './findingRules';

const SEVERITY_ORDER: FindingSeverity[] = ['error', 'warning', 'info'];

/** The rules most severe first, equal severity in the table's order: ordered once. */
const RULES_BY_SEVERITY = SEVERITY_ORDER.flatMap(severity =>
  FINDING_RULES.filter(rule => rule.severity === severity),
);

/**
 * Runs every rule of {@link FINDING_RULES}: most severe first, equal severity in the
 * table's order, and one rule's findings in the order it found them.
 * @internal
 */
export function computeFindings(context: FindingContext): ScalingFinding[] {
  const findings: ScalingFinding[] = [];
  for (const rule of RULES_BY_SEVERITY) {
    for (const detail of rule.detect(context)) {
      findings.push({ code: rule.code, severity: rule.severity, ...detail });
    }
  }
  return findings;
}
