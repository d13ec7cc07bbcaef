package dev.tcpip.launcher;

import java.util.Objects;

/**
 * Where a launched server listens: the values of {@code --host} and {@code --port} (or their defaults), as
 * {@link ServerLauncher} hands them to the program's server factory.
 *
 * @param host the address to listen on, without brackets for IPv6 ({@code ::1}); never empty
 * @param port the port to listen on, 0..65535; 0 asks for any free port
 */
public record ListenAddress(String host, int port) {
    /**
     * Checks the values.
     *
     * @param host the address to listen on
     * @param port the port to listen on
     * @throws IllegalArgumentException if the host is empty or the port is not in 0..65535
     */
    public ListenAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
    }

    /**
     * {@return {@code host:port}, with the host in brackets if it is an IPv6 address: {@code [::1]:5000}}
     */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
