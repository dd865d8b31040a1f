export {
  EditScalingDialog,
  type EditScalingDialogProps,
} from './EditScalingDialog';
