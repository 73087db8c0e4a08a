package io.scstbus.trainer.cli;

import java.io.IOException;
import java.io.OutputStream;

/** Writes to two streams: a test keeps a copy of what a command prints while it stays on the console. */
final class Tee extends OutputStream {

    private final OutputStream console;
    private final OutputStream copy;

    Tee(OutputStream console, OutputStream copy) {
        this.console = console;
        this.copy = copy;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        console.write(b);
        copy.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
        console.write(bytes, off, len);
        copy.write(bytes, off, len);
    }

    @Override
    public synchronized void flush() throws IOException {
        console.flush();
        copy.flush();
    }
}
