package io.tessera.appkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One section of the README, as a new user reads it: its shell code blocks in order, and the
 * figures it states. The proof runs these blocks, so the README cannot drift from what works.
 */
final class ReadmeSection {

    private final String title;
    private final String text;

    private ReadmeSection(String title, String text) {
        this.title = title;
        this.text = text;
    }

    /** The section under {@code ## title}, up to the next {@code ## } heading. */
    static ReadmeSection read(Path readme, String title) throws IOException {
        String all = Files.readString(readme);
        int start = all.indexOf("\n## " + title + "\n");
        if (start < 0) {
            throw new AssertionError(readme + " has no section '## " + title + "'");
        }
        int end = all.indexOf("\n## ", start + 1);
        return new ReadmeSection(title, all.substring(start, end < 0 ? all.length() : end));
    }

    /** The {@code ```sh} blocks, each as one command line (backslash continuations joined). */
    List<String> shellBlocks() {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            blocks.add(m.group(1).replaceAll("\\\\\n\\s*", "").trim());
        }
        return blocks;
    }

    /** The number before {@code words} ("10 lines of Java"), failing if the section states none. */
    int number(String words) {
        Matcher m = Pattern.compile("(\\d+)\\**\\s+" + Pattern.quote(words)).matcher(text);
        if (!m.find()) {
            throw new AssertionError("the README's '" + title + "' states no number of " + words);
        }
        return Integer.parseInt(m.group(1));
    }
}
