/**
 * A mock telescope mount controller that speaks C structs: {@link dev.tcpip.mock.MockController} (a
 * one-client read-loop server on tcpip-core and tcpip-struct), its messages ({@link dev.tcpip.mock.MockProtocol}
 * and the structs), the simulated {@link dev.tcpip.mock.Mount}, the {@link dev.tcpip.mock.Drive} client, and
 * {@link dev.tcpip.mock.Main}, which runs either from the command line
 * ({@code java -jar mock-controller.jar [--port N]} or {@code java -jar mock-controller.jar drive ...}).
 */
package dev.tcpip.mock;
