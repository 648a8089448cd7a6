package dev.riffcode.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.llm.CodeExtractor.Extraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeExtractorTest {

    private static final String MELODY = """
            use_bpm(120)
            for n in ["C4", "D4", "E4", "G4"]:
                play(n, release=0.4)
                sleep(0.5)
            """;

    private static String code(String answer) {
        Extraction e = CodeExtractor.extract(answer);
        assertTrue(e.found(), "expected code, got: " + e.reason());
        return e.code().orElseThrow();
    }

    private static Extraction nothing(String answer) {
        Extraction e = CodeExtractor.extract(answer);
        assertFalse(e.found(), "expected no code, got:\n" + e.code().orElse(""));
        return e;
    }

    // ---- fenced ----

    @Test
    void pythonFenceWithProseAround() {
        String answer = "Here's a bright melody in C major:\n\n```python\n" + MELODY + "```\n\n"
                + "It walks up the scale and then rests. Enjoy!";
        Extraction e = CodeExtractor.extract(answer);
        assertEquals(MELODY, e.code().orElseThrow());
        assertEquals("a python block", e.reason());
        assertFalse(e.cutOff());
    }

    @ParameterizedTest
    @ValueSource(strings = {"```python", "```py", "```Python", "```python3", "``` python", "```py3", "````python",
        "~~~python", "```", "~~~", "```{python}", "```python title=\"melody.py\""})
    void fenceVariants(String open) {
        String close = open.startsWith("~") ? "~~~" : open.startsWith("````") ? "````" : "```";
        assertEquals(MELODY, code("Sure!\n" + open + "\n" + MELODY + close + "\nHave fun."));
    }

    @Test
    void windowsNewlinesAreNormalised() {
        String answer = ("Here you go:\n```python\n" + MELODY + "```\nDone.").replace("\n", "\r\n");
        assertEquals(MELODY, code(answer));
    }

    @Test
    void oldMacNewlinesAreNormalised() {
        assertEquals("play(60)\nsleep(1)\n", code("```python\rplay(60)\rsleep(1)\r```"));
    }

    @Test
    void leadingTabsBecomeFourSpaces() {
        String answer = "```python\nfor n in range(4):\n\tplay(60 + n)\n\tif n == 3:\n\t\tsleep(2)\n```";
        assertEquals("for n in range(4):\n    play(60 + n)\n    if n == 3:\n        sleep(2)\n", code(answer));
    }

    @Test
    void tabsInsideALineAreKept() {
        assertEquals("play(60)\t# middle C\n", code("```python\nplay(60)\t# middle C\n```"));
    }

    @Test
    void aLeadingPythonLanguageLineIsDropped() {
        assertEquals(MELODY, code("```\npython\n" + MELODY + "```"));
        assertEquals(MELODY, code("python\n" + MELODY));
    }

    @Test
    void indentedFenceInsideAListItemIsDedented() {
        String answer = "1. Paste this:\n\n   ```python\n   use_bpm(90)\n   for i in range(2):\n       play(60)\n"
                + "       sleep(1)\n   ```\n2. Press play.";
        assertEquals("use_bpm(90)\nfor i in range(2):\n    play(60)\n    sleep(1)\n", code(answer));
    }

    @Test
    void uniformlyIndentedCodeIsDedented() {
        assertEquals("play(60)\nsleep(1)\n", code("```python\n    play(60)\n    sleep(1)\n```"));
    }

    @Test
    void blankEdgesAndTrailingSpacesAreTrimmed() {
        assertEquals("play(60)\n\nsleep(1)\n", code("```python\n\n\nplay(60)   \n\nsleep(1)\n\n\n```"));
    }

    @Test
    void unterminatedFenceRunsToTheEndAndIsFlaggedCutOff() {
        String answer = "Here is a beat:\n\n```python\nuse_bpm(100)\nfor i in range(8):\n    sample(\"bd_haus\")\n"
                + "    sleep(0.5";
        Extraction e = CodeExtractor.extract(answer);
        assertEquals("use_bpm(100)\nfor i in range(8):\n    sample(\"bd_haus\")\n    sleep(0.5\n",
                e.code().orElseThrow());
        assertTrue(e.cutOff());
        assertTrue(e.reason().contains("cut off"), e.reason());
    }

    @Test
    void trailingExplanationAfterTheFenceIsNotCode() {
        String answer = "```python\nplay(60)\nsleep(1)\n```\n\n### How it works\n\n- `play(60)` plays middle C\n"
                + "- `sleep(1)` waits one beat\n\nx = 5 would set a variable, by the way.";
        assertEquals("play(60)\nsleep(1)\n", code(answer));
    }

    @Test
    void closingFenceFollowedByProseOnTheSameLine() {
        assertEquals("play(60)\n", code("```python\nplay(60)\n``` That's all there is to it."));
    }

    @Test
    void aForgottenClosingFenceBeforeTheNextBlock() {
        String answer = "```python\nuse_bpm(100)\nplay(60)\n```python\nsleep(1)\nplay(64)\n```\nDone.";
        assertEquals("use_bpm(100)\nplay(60)\n\nsleep(1)\nplay(64)\n", code(answer));
    }

    @Test
    void emptyFenceIsIgnored() {
        nothing("```python\n```\nI could not write this one.");
    }

    @Test
    void thinkBlocksOfReasoningModelsAreRemoved() {
        String answer = "<think>\nThe user wants a melody. Maybe:\n```python\nplay(1)\n```\nNo, better in C.\n"
                + "</think>\n\n```python\n" + MELODY + "```";
        assertEquals(MELODY, code(answer));
    }

    @Test
    void cutOffWhileThinkingHasNoCode() {
        Extraction e = nothing("<think>\nLet me plan the chord progression: ii V I, then");
        assertTrue(e.reason().contains("still thinking"), e.reason());
    }

    // ---- several blocks ----

    @Test
    void pythonBlocksArePreferredOverOthers() {
        String answer = "Install nothing, just run:\n```bash\nriffcode render melody.py\n```\n\nThe script:\n"
                + "```python\n" + MELODY + "```\nOutput:\n```\nRendered 4.0 s to melody.wav\n```";
        assertEquals(MELODY, code(answer));
    }

    @Test
    void partsOfOneScriptAreJoinedInOrder() {
        String answer = "First set the tempo and synth:\n\n```python\nuse_bpm(96)\nuse_synth(\"saw\")\n```\n\n"
                + "Then the bass line:\n\n```python\nfor n in [\"A1\", \"A1\", \"C2\", \"G1\"]:\n    play(n)\n"
                + "    sleep(1)\n```\n\nFinally a chord to end:\n\n```python\nplay_chord(chord(\"A3\", \"minor\"))\n"
                + "sleep(2)\n```";
        Extraction e = CodeExtractor.extract(answer);
        assertEquals("use_bpm(96)\nuse_synth(\"saw\")\n\nfor n in [\"A1\", \"A1\", \"C2\", \"G1\"]:\n    play(n)\n"
                + "    sleep(1)\n\nplay_chord(chord(\"A3\", \"minor\"))\nsleep(2)\n", e.code().orElseThrow());
        assertEquals("3 python blocks joined as parts of one script", e.reason());
    }

    @Test
    void alternativeVersionsGiveTheLargest() {
        String shortOne = "use_bpm(120)\nplay(60)\nsleep(1)\n";
        String longOne = "use_bpm(90)\nfor n in [60, 64, 67, 72]:\n    play(n, synth=\"tri\")\n    sleep(0.5)\n"
                + "play_chord([60, 64, 67], release=2)\nsleep(2)\n";
        String answer = "Version A:\n```python\n" + shortOne + "```\nOr, a fuller version:\n```python\n" + longOne
                + "```";
        Extraction e = CodeExtractor.extract(answer);
        assertEquals(longOne, e.code().orElseThrow());
        assertTrue(e.reason().contains("alternative"), e.reason());

        String reversed = "```python\n" + longOne + "```\nA shorter take:\n```python\n" + shortOne + "```";
        assertEquals(longOne, code(reversed));
    }

    @Test
    void alternativesOfEqualSizeGiveTheLastOne() {
        String first = "notes = [60, 62]\nplay(notes[0])\n";
        String second = "notes = [64, 65]\nplay(notes[1])\n";
        assertEquals(second, code("```python\n" + first + "```\nor\n```python\n" + second + "```"));
    }

    @Test
    void anExcerptOfTheFullScriptIsDropped() {
        String answer = "The key line is:\n```python\nplay_chord(chord(\"C4\", \"major7\"), release=2)\n```\n"
                + "Full script:\n```python\nuse_bpm(70)\nplay_chord(chord(\"C4\", \"major7\"), release=2)\n"
                + "sleep(2)\n```";
        Extraction e = CodeExtractor.extract(answer);
        assertEquals("use_bpm(70)\nplay_chord(chord(\"C4\", \"major7\"), release=2)\nsleep(2)\n",
                e.code().orElseThrow());
        assertTrue(e.reason().contains("excerpts"), e.reason());
    }

    @Test
    void sameFunctionDefinedTwiceMeansVersions() {
        String a = "def groove():\n    play(40)\n    sleep(1)\n\ngroove()\n";
        String b = "def groove():\n    for i in range(4):\n        play(40 + i)\n        sleep(0.25)\n\ngroove()\n";
        assertEquals(b, code("```python\n" + a + "```\nBetter:\n```python\n" + b + "```"));
    }

    @Test
    void untaggedBlocksCountWhenNoPythonTagIsPresent() {
        String answer = "```\n" + MELODY + "```\nRun it with:\n```\nriffcode render melody.py\n```";
        assertEquals(MELODY, code(answer));
    }

    @Test
    void aMisTaggedBlockThatLooksLikePythonIsUsed() {
        assertEquals(MELODY, code("```python-riffcode\n" + MELODY + "```"));
    }

    @Test
    void onlyRubyCodeIsNotPython() {
        String answer = "In Sonic Pi:\n```ruby\nlive_loop :drums do\n  sample :bd_haus\n  sleep 0.5\nend\n```";
        Extraction e = nothing(answer);
        assertEquals("the answer contains only ruby code, not Python", e.reason());
    }

    @Test
    void onlyShellCodeIsNotPython() {
        Extraction e = nothing("Run:\n```bash\nriffcode render song.py --seconds 8\n```");
        assertTrue(e.reason().contains("bash"), e.reason());
    }

    // ---- unfenced ----

    @Test
    void aBareScriptIsTakenWhole() {
        Extraction e = CodeExtractor.extract(MELODY);
        assertEquals(MELODY, e.code().orElseThrow());
        assertEquals("no fence; the whole answer looks like Python", e.reason());
    }

    @Test
    void aBareScriptWithCommentsDecoratorsAndBlankLines() {
        String script = """
                # Two-bar house groove
                use_bpm(124)

                @live_loop
                def kick():
                    sample("bd_haus", amp=1.2)
                    sleep(1)

                @live_loop
                def hats():
                    sleep(0.5)
                    sample("hat_closed", amp=0.5)
                    sleep(0.5)
                """;
        assertEquals(script, code(script));
    }

    @Test
    void aBareScriptWithMultiLineCallsAndDicts() {
        String script = """
                pattern = {
                    "kick": [1, 0, 0, 0],
                    "snare": [0, 0, 1, 0],
                }
                play_pattern_timed(
                    ["C4", "E4", "G4"],
                    [0.5, 0.5, 1],
                )
                with with_fx("reverb", room=0.8):
                    play("C5")
                """;
        assertEquals(script, code(script));
    }

    @Test
    void unfencedCodeBetweenProseIsTaken() {
        String answer = "Here's a groovy bassline:\n\nuse_bpm(100)\nfor n in [40, 43, 45]:\n    play(n, synth=\"saw\")\n"
                + "    sleep(0.5)\n\nThis loops over three notes, one per half beat.";
        Extraction e = CodeExtractor.extract(answer);
        assertEquals("use_bpm(100)\nfor n in [40, 43, 45]:\n    play(n, synth=\"saw\")\n    sleep(0.5)\n",
                e.code().orElseThrow());
        assertTrue(e.reason().startsWith("no fence; took the 4 lines"), e.reason());
    }

    @Test
    void proseThatStartsLikeCodeIsStillProse() {
        nothing("""
                I'd be happy to help with that.
                if you want more bass, raise the amp of the low notes:
                for example, double it.
                Let me know what style you prefer!
                """);
    }

    @Test
    void pureProseHasNoCode() {
        Extraction e = nothing("I'm sorry, but I can't help with that request. Maybe try describing the mood?");
        assertEquals("the answer contains no code", e.reason());
    }

    @Test
    void inlineCodeInProseIsNotAScript() {
        nothing("Use `play(60)` to play middle C and `sleep(1)` to wait a beat.");
    }

    @Test
    void markdownListsAreNotCode() {
        nothing("- play(60) plays a note\n- sleep(1) waits\n* use_bpm sets the tempo");
    }

    @Test
    void emptyAndNullAnswers() {
        assertEquals("the answer is empty", nothing("").reason());
        assertEquals("the answer is empty", nothing("  \n\n ").reason());
        assertEquals("the answer is empty", nothing(null).reason());
    }

    @Test
    void aUtf8ByteOrderMarkIsIgnored() {
        assertEquals("play(60)\n", code("\uFEFFplay(60)\n"));
    }

    @Test
    void stringsWithSentencesDoNotMakeCodeLookLikeProse() {
        String script = "print(\"now we play a lovely little tune for you\")\nplay(60)\n";
        assertEquals(script, code(script));
    }

    @Test
    void conditionsWithPythonKeywordsAreCode() {
        String script = "skip = [8]\nlast = 15\nfor i in range(16):\n"
                + "    if i % 4 == 0 and not i in skip or i is last:\n        play(36)\n    sleep(0.25)\n";
        assertEquals(script, code(script));
    }

    @Test
    void theSameBlockTwiceGivesItOnce() {
        assertEquals(MELODY, code("```python\n" + MELODY + "```\nAgain, in full:\n```python\n" + MELODY + "```"));
    }

    @Test
    void unfencedCodeInterruptedByProseGivesTheLongestRun() {
        String answer = "use_bpm(120)\nplay(60)\nNow the chorus, a bit higher:\nplay(67)\nsleep(1)\nplay(69)\n";
        assertEquals("play(67)\nsleep(1)\nplay(69)\n", code(answer));
    }

    @Test
    void aLanguageLineWithAColon() {
        assertEquals("play(60)\nsleep(1)\n", code("Python:\nplay(60)\nsleep(1)\n"));
    }

    @Test
    void nonBreakingSpacesInIndentationBecomeSpaces() {
        assertEquals("for i in range(2):\n    play(60)\n", code("```python\nfor i in range(2):\n\u00A0\u00A0\u00A0\u00A0"
                + "play(60)\n```"));
    }
}
