import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { channelName } from './redis';
import { AlertNotificationSchema, AlertStateChangesSchema } from '@deltastream/core/alerts';
import { EnrichedChainSchema, EnrichedUnderlyingSchema } from '@deltastream/core/schemas';

/**
 * Pub/sub channels the worker publishes enriched events on (original DeltaStream names), each under the
 * deployment's namespace on the wire (`channelName`).
 */
export const CHANNELS = {
  enrichedUnderlying: 'enriched:underlying',
  enrichedChain: 'enriched:option_chain',
  /** One message per alert firing, for the gateway to send to its owner only. */
  alertFired: 'alerts:fired',
  /** Workers tell each other the alert state changes they won (one message per observation), to keep every replica's copy current. */
  alertStateChanged: 'alerts:state-changed',
} as const;
export type ChannelName = (typeof CHANNELS)[keyof typeof CHANNELS];

export const CHANNEL_SCHEMAS = {
  [CHANNELS.enrichedUnderlying]: EnrichedUnderlyingSchema,
  [CHANNELS.enrichedChain]: EnrichedChainSchema,
  [CHANNELS.alertFired]: AlertNotificationSchema,
  [CHANNELS.alertStateChanged]: AlertStateChangesSchema,
} as const satisfies Record<ChannelName, z.ZodType>;

/** What each channel carries: the payload its schema describes. */
export type ChannelPayloads = { [C in ChannelName]: z.infer<(typeof CHANNEL_SCHEMAS)[C]> };

/**
 * Publishes on `channel` in the namespace of `redis`. `serialized` lets a caller that already holds the
 * payload's JSON text send it without re-encoding.
 */
export async function publish<C extends ChannelName>(
  redis: Redis,
  channel: C,
  payload: ChannelPayloads[C],
  serialized: string = JSON.stringify(payload),
): Promise<void> {
  await redis.publish(channelName(redis, channel), serialized);
}

export type ChannelHandlers = { [C in ChannelName]?: (payload: ChannelPayloads[C]) => void };

/**
 * Subscribes `subscriber` (a connection in pub/sub mode) to the channels that have a handler, in its
 * namespace. Each message is validated; one that does not parse is reported to `onInvalid` and never
 * reaches a handler.
 */
export async function subscribe(
  subscriber: Redis,
  handlers: ChannelHandlers,
  onInvalid: (channel: ChannelName, error: Error) => void,
): Promise<void> {
  const byName = new Map(
    (Object.keys(handlers) as ChannelName[]).map((channel) => [channelName(subscriber, channel), channel]),
  );
  subscriber.on('message', (name: string, message: string) => {
    const channel = byName.get(name);
    if (channel === undefined) return;
    const handler = handlers[channel] as ((payload: unknown) => void) | undefined;
    try {
      handler?.(CHANNEL_SCHEMAS[channel].parse(JSON.parse(message)));
    } catch (error) {
      onInvalid(channel, error as Error);
    }
  });
  await subscriber.subscribe(...byName.keys());
}
