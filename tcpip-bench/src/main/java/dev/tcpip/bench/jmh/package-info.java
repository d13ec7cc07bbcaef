/**
 * JMH benchmarks of the codecs (run them from the shaded jar, see {@code docs/performance.md}): struct
 * encode and decode through tcpip-struct against a hand-written codec, line splitting and text decoding in
 * tcpip-core's pull reader against Vert.x's {@code RecordParser}, and JSON lines through tcpip-core's codecs
 * against plain Vert.x {@code JsonObject}.
 */
package dev.tcpip.bench.jmh;
