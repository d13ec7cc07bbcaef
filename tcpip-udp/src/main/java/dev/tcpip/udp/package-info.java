/**
 * UDP datagram servers and clients (python-easyservers' shape, without its faults):
 * {@link dev.tcpip.udp.DatagramServer} and {@link dev.tcpip.udp.DatagramClient} over
 * {@link dev.tcpip.udp.DatagramEndpoint}, handlers ({@link dev.tcpip.udp.DatagramHandler}) called with the
 * message, its sender and a {@link dev.tcpip.udp.DatagramReply}, {@link dev.tcpip.udp.DatagramOptions}, and
 * {@link dev.tcpip.udp.BackgroundTask}s tied to a server's lifetime.
 */
package dev.tcpip.udp;
