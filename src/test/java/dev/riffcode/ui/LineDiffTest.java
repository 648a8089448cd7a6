package dev.riffcode.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    private static String unified(String a, String b) {
        return LineDiff.between(a, b).stream().map(LineDiff.Line::unified).collect(Collectors.joining("\n"));
    }

    @Test
    void aChangedLineIsOneDeletionAndOneAdditionAmongUnchangedLines() {
        String before = "use_bpm(120)\nplay(60)\nsleep(1)\n";
        String after = "use_bpm(90)\nplay(60)\nsleep(1)\n";
        assertEquals("- use_bpm(120)\n+ use_bpm(90)\n  play(60)\n  sleep(1)\n  ", unified(before, after));
        assertEquals("+1 −1", LineDiff.summary(LineDiff.between(before, after)));
    }

    @Test
    void insertionsAndDeletionsKeepTheLongestCommonPartInPlace() {
        List<LineDiff.Line> d = LineDiff.between("a\nb\nc\nd", "a\nc\nx\nd\ne");
        assertEquals(List.of("  a", "- b", "  c", "+ x", "  d", "+ e"),
                d.stream().map(LineDiff.Line::unified).toList());
    }

    @Test
    void fromNothingEverythingIsAdded() {
        assertEquals("+2 −0", LineDiff.summary(LineDiff.between("", "play(60)\nsleep(1)")));
        assertEquals("+0 −0", LineDiff.summary(LineDiff.between("same\n", "same\n")));
    }

    @Test
    void windowsLineEndingsDoNotMakeEveryLineDifferent() {
        assertEquals("+0 −0", LineDiff.summary(LineDiff.between("a\r\nb\r\n", "a\nb\n")));
    }
}
