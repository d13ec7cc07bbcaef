/**
 * Relays between controllers and event-bus addresses: {@link dev.tcpip.cluster.relay.StructRelay} holds a
 * reconnecting connection to a controller that speaks a tcpip-struct message protocol, publishes what it sends
 * with sequence numbers ({@link dev.tcpip.cluster.relay.SequencedPublisher}) and forwards JSON commands to it.
 */
package dev.tcpip.cluster.relay;
