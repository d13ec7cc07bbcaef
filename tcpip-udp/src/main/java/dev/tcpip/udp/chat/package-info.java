/**
 * python-easyservers' chat example on a datagram server: {@link dev.tcpip.udp.chat.ChatServer}.
 */
package dev.tcpip.udp.chat;
