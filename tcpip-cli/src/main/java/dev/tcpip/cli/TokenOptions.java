package dev.tcpip.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The token options of the {@code tasks} commands, a picocli mixin: {@code --token-file F} (the file's first
 * line) or {@code --token-env VAR} (the environment variable), never the token itself on the command line.
 */
final class TokenOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Where {@code --token-env} looks; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    private Path file;
    private String variable;

    @Option(names = "--token-file", paramLabel = "F", order = 20,
        description = "read the token from the first line of this file")
    void file(String value) {
        if (value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--token-file needs a file name");
        }
        file = Path.of(value);
    }

    @Option(names = "--token-env", paramLabel = "VAR", order = 21,
        description = "read the token from this environment variable")
    void variable(String value) {
        if (value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--token-env needs a variable name");
        }
        variable = value.trim();
    }

    /**
     * The token the options name, read now.
     *
     * @return the token; null when neither option is given
     * @throws ParameterException when both are given, the file cannot be read or its first line is empty, or the
     *     variable is not set or empty
     */
    String token() {
        if (file != null && variable != null) {
            throw new ParameterException(spec.commandLine(), "--token-file and --token-env cannot go together");
        }
        if (file != null) {
            String line;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                line = in.readLine();
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--token-file: cannot read " + file + ": " + e);
            }
            if (line == null || line.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--token-file: the first line of " + file + " is empty");
            }
            return line.strip();
        }
        if (variable != null) {
            String value = environment.apply(variable);
            if (value == null || value.isEmpty()) {
                throw new ParameterException(spec.commandLine(),
                    "--token-env: the environment variable " + variable + " is not set or empty");
            }
            return value;
        }
        return null;
    }
}
