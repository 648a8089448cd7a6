package dev.riffcode.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed between two versions of a script, line by line: the longest common subsequence of lines, the rest
 * deleted or added. Scripts are short, so the plain quadratic table is fine; past {@link #MAX_CELLS} the whole old
 * text is shown deleted and the new one added. (The history panel brings java-diff-utils; this can use it once
 * the branches meet.)
 */
final class LineDiff {

    static final long MAX_CELLS = 4_000_000;

    enum Kind { SAME, DELETED, ADDED }

    record Line(Kind kind, String text) {
        /** The line as a unified diff shows it. */
        String unified() {
            return (kind == Kind.SAME ? "  " : kind == Kind.ADDED ? "+ " : "- ") + text;
        }
    }

    private LineDiff() {
    }

    static List<Line> between(String before, String after) {
        String[] a = split(before);
        String[] b = split(after);
        List<Line> out = new ArrayList<>();
        if ((long) a.length * b.length > MAX_CELLS) {
            for (String s : a) {
                out.add(new Line(Kind.DELETED, s));
            }
            for (String s : b) {
                out.add(new Line(Kind.ADDED, s));
            }
            return out;
        }
        // common[i][j]: the longest common subsequence of a[i..] and b[j..]
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new Line(Kind.SAME, a[i++]));
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                out.add(new Line(Kind.DELETED, a[i++]));   // a change reads as the old line, then the new one
            } else {
                out.add(new Line(Kind.ADDED, b[j++]));
            }
        }
        return out;
    }

    /** "+3 −1" for a header. */
    static String summary(List<Line> diff) {
        long added = diff.stream().filter(l -> l.kind() == Kind.ADDED).count();
        long deleted = diff.stream().filter(l -> l.kind() == Kind.DELETED).count();
        return "+" + added + " −" + deleted;
    }

    private static String[] split(String text) {
        if (text == null || text.isEmpty()) {
            return new String[0];
        }
        return text.replace("\r\n", "\n").split("\n", -1);
    }
}
