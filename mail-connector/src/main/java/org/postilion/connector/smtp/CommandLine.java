package org.postilion.connector.smtp;

/**
 * One line the client sent in command mode, without its line end, or the reason it cannot be a command.
 *
 * @param text    the line as text (UTF-8); empty when {@code problem} is not {@link Problem#NONE}
 * @param problem why the line is not usable, or {@link Problem#NONE}
 */
public record CommandLine(String text, Problem problem) {

    public enum Problem {
        NONE,
        /** longer than the limit; the rest of it is discarded up to the next line end */
        TOO_LONG,
        /** ended by a bare LF instead of CRLF */
        BARE_LF,
        /** contains a NUL, a bare CR or octets that are not UTF-8 */
        BAD_CHARACTERS
    }

    public static CommandLine of(String text) {
        return new CommandLine(text, Problem.NONE);
    }

    static CommandLine problem(Problem p) {
        return new CommandLine("", p);
    }
}
