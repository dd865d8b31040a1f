/**
 * Backend plugin for the live scaling state of SageMaker endpoints managed with ACK.
 *
 * @packageDocumentation
 */
export { sagemakerScalingPlugin as default } from './plugin';
