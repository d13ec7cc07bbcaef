/**
 * Services between queues, pysocklib's {@code AbstractService} shape on Vert.x: a {@link dev.tcpip.services.Service}
 * takes each message from a {@link dev.tcpip.services.MessageSource}, handles it (a function returning a
 * future), and puts the result on a {@link dev.tcpip.services.MessageSink}, one message at a time, in order.
 *
 * <p>Sources and sinks are backpressure-aware futures: a {@link dev.tcpip.services.MessageQueue} joins
 * things in memory (and serves plain threads with blocking calls and timeouts, like Python's
 * {@code queue.Queue}); {@link dev.tcpip.services.EventBusSink} and {@link dev.tcpip.services.EventBusSource}
 * join them through a Vert.x event-bus address, so a pipeline can span machines on a clustered event bus.
 *
 * <p>The samples are pysocklib's: {@link dev.tcpip.services.ToUpper}, {@link dev.tcpip.services.MessageGenerator}
 * and {@link dev.tcpip.services.MessageLogger}. A {@link dev.tcpip.services.Watchdog} acts (for example,
 * exits) when a watched service fails.
 *
 * <p>Nothing here runs a thread of its own or polls: each piece keeps its state on one Vert.x context and
 * reacts to futures and timers, so an idle pipeline uses no CPU.
 */
package dev.tcpip.services;
