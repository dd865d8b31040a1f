export { VariantRunRate } from './VariantRunRate';
export { VariantCostCell } from './VariantCostCell';
