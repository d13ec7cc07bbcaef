/**
 * Messages over TCP in both directions at any time, each a length-prefixed frame (qsocket's model, without
 * pickle): {@link dev.tcpip.core.message.MessageSocket} carries them on one connection, with a payload
 * codec of the user's choice, a handler, a stream or a blocking queue for what arrives, and a close hook;
 * {@link dev.tcpip.core.message.MessageListener} accepts any number of clients and hands each over as a
 * message socket.
 */
package dev.tcpip.core.message;
