package io.tessera.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.Charset;

/**
 * Standard output or error while the shell may be showing a prompt. Once the shell's line
 * reader is {@link #attach(Object) attached}, each whole line is printed through jline's
 * {@code LineReader#printAbove}, which clears the prompt line, prints the text and draws the
 * prompt and what was typed again, so an app that prints while the operator types does not
 * garble the line. Before that, and after {@link #detach()}, bytes go straight through.
 *
 * <p>Installed as {@code System.out} and {@code System.err} before the framework starts, so that
 * Gogo's per-thread streams fall back to it for every thread that is not running a command: app
 * hooks on bundle and deploy-folder threads. Commands run by the shell write to the terminal
 * themselves and never come here.
 */
final class AboveThePrompt extends OutputStream {

    /** The terminal's encoding, as the JVM chose it for standard output. */
    private static final Charset CONSOLE = Charset.forName(System.getProperty("sun.stdout.encoding",
            System.getProperty("native.encoding", Charset.defaultCharset().name())));
    private static final Object LOCK = new Object();
    private static Object reader;
    private static Method printAbove;

    private final PrintStream direct;
    private final Charset charset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private AboveThePrompt(PrintStream direct) {
        this.direct = direct;
        this.charset = CONSOLE;
    }

    /** Replaces {@code System.out} and {@code System.err} with streams that print above the prompt. */
    static void install() {
        System.setOut(new PrintStream(new AboveThePrompt(System.out), false, CONSOLE));
        System.setErr(new PrintStream(new AboveThePrompt(System.err), false, CONSOLE));
    }

    /** From now on, lines go above the prompt of this jline {@code LineReader}. */
    static void attach(Object lineReader) throws NoSuchMethodException {
        Method method = lineReader.getClass().getMethod("printAbove", String.class);
        synchronized (LOCK) {
            reader = lineReader;
            printAbove = method;
        }
    }

    /** The shell's terminal is closing: print straight through again. */
    static void detach() {
        synchronized (LOCK) {
            reader = null;
            printAbove = null;
        }
    }

    @Override
    public void write(int b) {
        synchronized (LOCK) {
            if (reader == null) {
                direct.write(b);
                return;
            }
            line.write(b);
            if (b == '\n') {
                printLine();
            }
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        synchronized (LOCK) {
            if (reader == null) {
                direct.write(bytes, offset, length);
                return;
            }
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i + 1 - start);
                    printLine();
                    start = i + 1;
                }
            }
            line.write(bytes, start, offset + length - start);
        }
    }

    /** A partial line that is flushed is shown now, as a line of its own. */
    @Override
    public void flush() {
        synchronized (LOCK) {
            if (line.size() > 0 && reader != null) {
                printLine();
            }
            direct.flush();
        }
    }

    private void printLine() {
        String text = line.toString(charset);
        line.reset();
        try {
            printAbove.invoke(reader, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the terminal went away under us: nothing is lost, it goes straight through
            reader = null;
            printAbove = null;
            direct.print(text);
            direct.flush();
        }
    }
}
