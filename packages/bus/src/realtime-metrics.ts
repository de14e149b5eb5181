import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { METRIC_NAMES } from './metrics';

export interface RealtimeMetrics {
  messagesSent: Counter<'event'>;
  sendLatency: Histogram;
}

/**
 * Registers the gateway's metrics. The gauges are read when Prometheus scrapes, from the live
 * Socket.IO state, so they cannot drift from it.
 */
export function createRealtimeMetrics(
  registry: Registry,
  state: { connectedClients: () => number; rooms: () => number },
): RealtimeMetrics {
  new Gauge({
    name: METRIC_NAMES.realtimeConnectedClients,
    help: 'Sockets connected to this pod',
    registers: [registry],
    collect() {
      this.set(state.connectedClients());
    },
  });
  new Gauge({
    name: METRIC_NAMES.realtimeRooms,
    help: 'Rooms on this pod (general, product:*, chain:*), not counting each socket’s own room',
    registers: [registry],
    collect() {
      this.set(state.rooms());
    },
  });
  return {
    messagesSent: new Counter({
      name: METRIC_NAMES.realtimeMessagesSent,
      help: 'Messages sent to clients by this pod, one per recipient',
      labelNames: ['event'],
      registers: [registry],
    }),
    sendLatency: new Histogram({
      name: METRIC_NAMES.realtimeSendLatency,
      help: 'From the worker publishing an event (processed_at) to this pod emitting it',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
