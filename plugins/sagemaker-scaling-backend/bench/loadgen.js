/*
 * Load generator for snapshotBench.ts, run as its own process so that generating load
 * does not take CPU from the server under test. Prints autocannon's result as JSON.
 * Usage: node loadgen.js <baseUrl> <pathPrefix> <endpoints> <connections> <seconds>
 */
const autocannon = require('autocannon');

const [baseUrl, prefix, endpoints, connections, seconds] =
  process.argv.slice(2);
autocannon(
  {
    url: baseUrl,
    connections: Number(connections),
    duration: Number(seconds),
    requests: [
      {
        setupRequest: req => ({
          ...req,
          path: `${prefix}${Math.floor(Math.random() * Number(endpoints))}`,
        }),
      },
    ],
  },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    process.stdout.write(JSON.stringify(result));
  },
);
