import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The test machines are shared (2 cores, several test runs at once): a large MUI tree
// can take seconds to settle, so wait longer than the defaults before failing.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(60_000);

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
