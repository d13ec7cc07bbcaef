/**
 * The socket load program ({@link dev.tcpip.bench.load.LoadMain}): this project's servers against bare
 * Vert.x in one run, each in a child JVM ({@link dev.tcpip.bench.load.ServerMain}), in ping-pong,
 * pipelined, one-way, memory-flood and start-up modes. See docs/performance.md.
 */
package dev.tcpip.bench.load;
