/**
 * Not API. The only package that touches Vert.x and Netty internals ({@link dev.tcpip.core.internal.VertxInternals}),
 * each use with a fallback.
 */
package dev.tcpip.core.internal;
