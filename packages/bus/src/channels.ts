import type { Redis } from 'ioredis';
import type { z } from 'zod';
import {
  EnrichedChainSchema,
  EnrichedUnderlyingSchema,
  type EnrichedChain,
  type EnrichedUnderlying,
} from '@deltastream/core/schemas';

/** Pub/sub channels the worker publishes enriched events on (original DeltaStream names). */
export const CHANNELS = {
  enrichedUnderlying: 'enriched:underlying',
  enrichedChain: 'enriched:option_chain',
} as const;
export type ChannelName = (typeof CHANNELS)[keyof typeof CHANNELS];

export const CHANNEL_SCHEMAS = {
  [CHANNELS.enrichedUnderlying]: EnrichedUnderlyingSchema,
  [CHANNELS.enrichedChain]: EnrichedChainSchema,
} as const satisfies Record<ChannelName, z.ZodType>;

export interface ChannelPayloads {
  [CHANNELS.enrichedUnderlying]: EnrichedUnderlying;
  [CHANNELS.enrichedChain]: EnrichedChain;
}

/** `serialized` lets a caller that already holds the payload's JSON text send it without re-encoding. */
export async function publish<C extends ChannelName>(
  redis: Redis,
  channel: C,
  payload: ChannelPayloads[C],
  serialized: string = JSON.stringify(payload),
): Promise<void> {
  await redis.publish(channel, serialized);
}

export type ChannelHandlers = { [C in ChannelName]?: (payload: ChannelPayloads[C]) => void };

/**
 * Subscribes `subscriber` (a connection in pub/sub mode) to the channels that have a handler. Each
 * message is validated; one that does not parse is reported to `onInvalid` and never reaches a handler.
 */
export async function subscribe(
  subscriber: Redis,
  handlers: ChannelHandlers,
  onInvalid: (channel: string, error: Error) => void,
): Promise<void> {
  const channels = Object.keys(handlers) as ChannelName[];
  subscriber.on('message', (channel: string, message: string) => {
    const handler = handlers[channel as ChannelName] as ((payload: unknown) => void) | undefined;
    const schema = CHANNEL_SCHEMAS[channel as ChannelName];
    if (!handler || !schema) return;
    try {
      handler(schema.parse(JSON.parse(message)));
    } catch (error) {
      onInvalid(channel, error as Error);
    }
  });
  await subscriber.subscribe(...channels);
}
