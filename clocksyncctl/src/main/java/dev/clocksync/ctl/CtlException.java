package dev.clocksync.ctl;

/** A failure to report in one line, with the exit code it means. */
final class CtlException extends RuntimeException {

    private final int exitCode;

    CtlException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
