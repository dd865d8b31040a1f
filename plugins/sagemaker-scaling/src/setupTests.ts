import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The test machines are shared and slow; MUI trees can take over a second to settle.
configure({ asyncUtilTimeout: 5000 });

// jsdom has no ResizeObserver; recharts' ResponsiveContainer needs one and then keeps
// its initial dimension, which is all the chart tests need.
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  class NoopResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver =
    NoopResizeObserver;
}
