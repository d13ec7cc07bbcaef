/**
 * The toolkit's command-line program, {@code java -jar tcpip.jar COMMAND ...}, one command per seed system:
 * {@link dev.tcpip.cli.Main} parses the command line (picocli, with tcpip-launcher's conventions) and runs
 * the command; {@code endpoint} ({@link dev.tcpip.cli.EndpointCommand}) runs one of pysocklib's six
 * queue-backed endpoints of tcpip-services, printing what it receives on stdout.
 */
package dev.tcpip.cli;
