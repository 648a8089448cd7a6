package dev.riffcode.ui.history;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unified diff between two code versions, as text and as numbered lines for display. The
 * lines are compared as lines, so a difference only in line endings or a final newline does not
 * show.
 */
public final class VersionDiff {

    /** Lines of context around each change, as {@code diff -u} uses. */
    public static final int CONTEXT = 3;

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

    /** What a line of the diff is. */
    public enum Kind {
        /** A hunk header, such as {@code @@ -1,5 +1,6 @@}. */
        HUNK,
        /** A line both versions have. */
        CONTEXT,
        /** A line only the newer version has. */
        ADDED,
        /** A line only the older version has. */
        REMOVED
    }

    /**
     * One line of the diff.
     *
     * @param oldLine its number in the older version, 0 if it is not there (added lines, headers)
     * @param newLine its number in the newer version, 0 if it is not there (removed lines, headers)
     * @param text the line without the diff's +/-/space prefix (the whole header for a hunk)
     */
    public record Line(Kind kind, int oldLine, int newLine, String text) {
    }

    private final List<String> unified;
    private final List<Line> lines;

    private VersionDiff(List<String> unified, List<Line> lines) {
        this.unified = List.copyOf(unified);
        this.lines = List.copyOf(lines);
    }

    /**
     * The diff from {@code before} to {@code after}.
     *
     * @param beforeName what the {@code ---} header calls the older text, such as "v1"
     * @param before the older text; "" for none
     * @param afterName what the {@code +++} header calls the newer text
     */
    public static VersionDiff between(String beforeName, String before, String afterName, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(beforeName, afterName, a,
                DiffUtils.diff(a, b), CONTEXT);
        return new VersionDiff(unified, numbered(unified));
    }

    /**
     * Numbers the lines of the library's unified diff. The first two lines are the file headers;
     * they are skipped by position, because a removed line that starts with "--" also reads
     * "---" once prefixed.
     */
    private static List<Line> numbered(List<String> unified) {
        List<Line> out = new ArrayList<>();
        int oldLine = 0;
        int newLine = 0;
        for (String row : unified.subList(Math.min(2, unified.size()), unified.size())) {
            Matcher hunk = HUNK.matcher(row);
            if (hunk.find()) {
                oldLine = Integer.parseInt(hunk.group(1));
                newLine = Integer.parseInt(hunk.group(2));
                out.add(new Line(Kind.HUNK, 0, 0, row));
            } else if (row.startsWith("+")) {
                out.add(new Line(Kind.ADDED, 0, newLine++, row.substring(1)));
            } else if (row.startsWith("-")) {
                out.add(new Line(Kind.REMOVED, oldLine++, 0, row.substring(1)));
            } else {
                out.add(new Line(Kind.CONTEXT, oldLine++, newLine++, row.isEmpty() ? "" : row.substring(1)));
            }
        }
        return out;
    }

    /** The diff's lines after the file headers, numbered; empty if nothing changed. */
    public List<Line> lines() {
        return lines;
    }

    /** True if both versions have the same lines. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The lines only the newer version has, in order. */
    public List<String> added() {
        return texts(Kind.ADDED);
    }

    /** The lines only the older version has, in order. */
    public List<String> removed() {
        return texts(Kind.REMOVED);
    }

    /** The diff as {@code diff -u} prints it, with its {@code ---}/{@code +++} headers; "" if nothing changed. */
    public String unified() {
        return unified.isEmpty() ? "" : String.join("\n", unified) + "\n";
    }

    private List<String> texts(Kind kind) {
        return lines.stream().filter(l -> l.kind() == kind).map(Line::text).toList();
    }
}
