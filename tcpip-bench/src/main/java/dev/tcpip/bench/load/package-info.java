/**
 * The socket load program ({@link dev.tcpip.bench.load.LoadMain}): this project's servers against bare
 * Vert.x in one run, each in a child JVM ({@link dev.tcpip.bench.load.ServerMain}), in ping-pong,
 * pipelined, one-way, memory-flood, start-up, frames and udp (datagram) modes; in its own JVM, the queue
 * endpoints against a raw Vert.x line pair ({@link dev.tcpip.bench.load.EndpointBench}); and fan-out on the
 * clustered event bus through a {@code StructRelay} against bare publish, to a subscriber on another JVM
 * ({@link dev.tcpip.bench.load.ClusterBench}). See docs/performance.md.
 */
package dev.tcpip.bench.load;
