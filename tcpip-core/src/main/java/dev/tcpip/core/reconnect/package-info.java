/**
 * Reconnecting, for the endpoints that must come back by themselves: {@link
 * dev.tcpip.core.reconnect.ReconnectPolicy} (when to try again: pysocklib's 0.5 s, then exponential back-off
 * with a cap and jitter, optional maximum attempts or deadline, a connect timeout per attempt), {@link
 * dev.tcpip.core.reconnect.Reconnector} (the attempts and the waits, on a Vert.x timer) and {@link
 * dev.tcpip.core.reconnect.ConnectionState} (what the user can watch).
 */
package dev.tcpip.core.reconnect;
