/**
 * Vert.x's TCP event-bus bridge with a maximum frame size in front of it and allowlists always set
 * ({@link dev.tcpip.cluster.bridge.BridgeServer}): how programs that are not on the JVM reach the event bus.
 */
package dev.tcpip.cluster.bridge;
