package io.tessera.example.markdown;

import io.tessera.core.Contributes;
import io.tessera.example.blog.render.PostRenderer;

/** A very small Markdown: {@code # heading}, {@code **strong**} and {@code *emphasis*}, paragraphs by blank lines. */
@Contributes(PostRenderer.class)
public class MarkdownRenderer implements PostRenderer {

    @Override
    public String format() {
        return "markdown";
    }

    @Override
    public String render(String body) {
        StringBuilder html = new StringBuilder();
        for (String block : body.strip().split("\\n\\s*\\n")) {
            String text = escape(block.strip());
            if (text.startsWith("# ")) {
                html.append("<h1>").append(inline(text.substring(2))).append("</h1>\n");
            } else if (!text.isEmpty()) {
                html.append("<p>").append(inline(text)).append("</p>\n");
            }
        }
        return html.toString();
    }

    private static String inline(String text) {
        return text.replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>").replaceAll("\\*(.+?)\\*", "<em>$1</em>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
