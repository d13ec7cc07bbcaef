/**
 * Framings: how a connection's byte stream is cut into frames. Each is a small immutable value with a
 * mandatory maximum and a javadoc that draws its wire format: {@link dev.tcpip.core.framing.Delimited}
 * (lines), {@link dev.tcpip.core.framing.ExactLength}, {@link dev.tcpip.core.framing.UpTo} and
 * {@link dev.tcpip.core.framing.LengthPrefixed}. The connection's reader serves every framing through one
 * queue of reads: {@code endpoint.read(framing)}. A framing of your own implements
 * {@link dev.tcpip.core.framing.Framing} and decodes from a {@link dev.tcpip.core.framing.ReadBuffer}.
 */
package dev.tcpip.core.framing;
