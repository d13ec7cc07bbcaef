/**
 * Message protocols of telescope and instrument controllers: a header struct (id, sequence, timestamp,
 * body size) followed by a body struct whose type the id selects.
 *
 * <p>{@link dev.tcpip.struct.message.MessageProtocol} maps ids to body structs;
 * {@link dev.tcpip.struct.message.MessageChannel} reads typed messages from an endpoint and writes bodies
 * with freshly stamped headers; {@link dev.tcpip.struct.message.StandardHeader} is a ready-made header.
 */
package dev.tcpip.struct.message;
