/**
 * Servers as programs: {@link dev.tcpip.launcher.ServerLauncher} runs a {@code OneClientServer}, or any verticle
 * with a port, as {@code java -jar server.jar [--host H] [--port N]} (one running line on stdout, a clean stop
 * on SIGTERM and Ctrl-C, documented exit statuses), and {@link dev.tcpip.launcher.CommandLines} holds the
 * command-line conventions, on picocli, that every program of this project follows.
 */
package dev.tcpip.launcher;
