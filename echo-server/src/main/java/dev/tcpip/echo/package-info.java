/**
 * The runnable echo server: {@link dev.tcpip.echo.EchoServer}, the lsst.ts.tcpip user guide's example on
 * tcpip-core's public API, and {@link dev.tcpip.echo.Main}, which deploys it from the command line
 * ({@code java -jar echo-server.jar [--host H] [--port N]}), or, for length-prefixed frames and many
 * clients at once, {@link dev.tcpip.echo.FrameEchoServer} ({@code --framing length --clients many}).
 */
package dev.tcpip.echo;
