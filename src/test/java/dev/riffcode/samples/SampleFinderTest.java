package dev.riffcode.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How names become files: only files inside the sample folders, never a path that leads out. */
class SampleFinderTest {

    @TempDir
    Path dir;

    private Path folder(String name, String... files) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name));
        for (String file : files) {
            Path p = f.resolve(file);
            Files.createDirectories(p.getParent());
            WavWriter.writeAtomically(p, AudioClip.mono(44_100, new float[441]), WavFormat.PCM_16);
        }
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret", "kit/../../secret", "kit/..", "/etc/passwd", "~/x", "C:/x", "C:\\x",
        "kit\\snare", "kit//snare", "./kit/snare", "kit/./snare", "", " "})
    void namesThatCouldLeaveTheFolderAreRefusedForTheirForm(String name) throws IOException {
        SampleLibrary library = SampleLibrary.of(List.of(folder("a", "kit/snare.wav")));
        SampleFinder.Lookup lookup = new SampleFinder(library.index()).find(name);
        assertFalse(lookup.found(), name);
        assertTrue(lookup.named(), "a refused form is an error, never a fall-back to a drum: " + name);
        assertNotNull(lookup.error());
        SampleException e = assertThrows(SampleException.class, () -> library.audio(name, 44_100));
        assertEquals(lookup.error(), e.getMessage());
    }

    @Test
    void theMessagesSayWhatIsWrong() throws IOException {
        SampleFinder finder = new SampleFinder(SampleLibrary.of(List.of(folder("a", "x.wav"))).index());
        assertTrue(finder.find("../x").error().contains("'..' is refused"), finder.find("../x").error());
        assertTrue(finder.find("/etc/passwd").error().contains("absolute paths are refused"));
        assertTrue(finder.find("a\\b").error().contains("use / between folders"));
    }

    @Test
    void aNameFindsItsFileWithAnyExtensionInFolderOrder() throws IOException {
        Path first = folder("first", "kit/snare.flac", "Kick.WAV");
        Path second = folder("second", "kit/snare.wav", "kit/hat.mp3");
        SampleLibrary library = SampleLibrary.of(List.of(first, second));
        library.index();
        // The first folder wins, whatever the extension; .wav before .flac within a folder.
        assertEquals(first.resolve("kit/snare.flac").toRealPath(), library.file("kit/snare"));
        assertEquals(second.resolve("kit/snare.wav").toRealPath(), library.file("kit/snare.wav"));
        assertEquals(second.resolve("kit/hat.mp3").toRealPath(), library.file("kit/hat"));
        // An extension in another case is found; the rest of the name is as on disk.
        assertEquals(first.resolve("Kick.WAV").toRealPath(), library.file("Kick"));
        assertEquals(first.resolve("Kick.WAV").toRealPath(), library.file("Kick.wav"));
        assertThrows(SampleException.class, () -> library.file("kick"));
    }

    @Test
    void anUnknownNameGetsTheNearestNameAndWhatTheFolderHolds() throws IOException {
        SampleFinder finder = new SampleFinder(SampleLibrary.of(List.of(folder("a", "kit/snare.wav", "kit/hat.wav",
                "loops/amen.flac"))).index());
        SampleFinder.Lookup miss = finder.find("kit/snair");
        assertFalse(miss.found());
        assertFalse(miss.named(), "nothing has that name: sample() may still try a built-in drum");
        assertTrue(miss.error().startsWith("no sample named 'kit/snair'; did you mean 'kit/snare'?"), miss.error());
        assertTrue(miss.error().contains("kit/ holds kit/hat, kit/snare"), miss.error());
        assertTrue(finder.find("drums/kick").error().contains("there is no folder drums/; they hold kit/, loops/"),
                finder.find("drums/kick").error());
        assertTrue(finder.find("builtin/kik").error().contains("did you mean 'builtin/kick'?"));
        assertTrue(finder.find("kit/snare.txt").error().contains("only WAV, FLAC and MP3"));
        // Nothing near: no guess, but the built-in names.
        String far = finder.find("zzzzzzzz").error();
        assertFalse(far.contains("did you mean"), far);
        assertTrue(far.contains("builtin/kick"), far);
    }

    @Test
    void withNoFoldersTheMessageSaysHowToSetThem() {
        String error = new SampleFinder(SampleIndex.EMPTY).find("kit/snare").error();
        assertTrue(error.contains("No sample folders are set (give --samples DIR"), error);
        assertTrue(error.contains("builtin/loop_beat"), error);
    }

    @Test
    void builtInSamplesAreFoundWithoutFoldersAndAFolderComesFirst() throws IOException {
        SampleFinder none = new SampleFinder(SampleIndex.EMPTY);
        assertTrue(none.find("builtin/kick").match().builtin());
        Path mine = folder("mine", "builtin/kick.wav");
        SampleFinder.Match match = new SampleFinder(SampleLibrary.of(List.of(mine)).index()).find("builtin/kick")
                .match();
        assertEquals(0, match.folder(), "the user's own builtin/kick.wav is played instead");
    }

    @Test
    void aLinkThatLeadsOutIsRefusedAndOneThatStaysInIsFollowed() throws IOException {
        Path outside = folder("outside", "secret.wav", "deep/other.wav");
        Path f = folder("lib", "kit/snare.wav");
        Files.createSymbolicLink(f.resolve("leak.wav"), outside.resolve("secret.wav"));
        Files.createSymbolicLink(f.resolve("elsewhere"), outside.resolve("deep"));
        Files.createSymbolicLink(f.resolve("alias.wav"), f.resolve("kit/snare.wav"));
        SampleLibrary library = SampleLibrary.of(List.of(f));
        SampleFinder finder = new SampleFinder(library.index());

        for (String name : List.of("leak", "elsewhere/other")) {
            SampleFinder.Lookup lookup = finder.find(name);
            assertFalse(lookup.found(), name);
            assertTrue(lookup.named(), name);
            assertTrue(lookup.error().contains("is a link that leads outside it"), lookup.error());
            assertThrows(SampleException.class, () -> library.audio(name, 44_100));
        }
        assertTrue(finder.find("alias").found(), "a link inside the folder is followed");
        assertEquals(441, library.audio("alias", 44_100).frames());
    }

    @Test
    void aFileSwappedForALinkAfterIndexingIsRefusedOnTheHost() throws IOException {
        Path outside = folder("outside", "secret.wav");
        Path f = folder("lib", "kit/snare.wav");
        SampleLibrary library = SampleLibrary.of(List.of(f));
        library.index();
        Files.delete(f.resolve("kit/snare.wav"));
        Files.createSymbolicLink(f.resolve("kit/snare.wav"), outside.resolve("secret.wav"));
        SampleException e = assertThrows(SampleException.class, () -> library.audio("kit/snare", 44_100));
        assertTrue(e.getMessage().contains("leads outside its sample folder"), e.getMessage());
    }

    @Test
    void hiddenFilesAndOtherFormatsAreNotListed() throws IOException {
        Path f = folder("lib", "a.wav", ".hidden.wav", ".git/b.wav");
        Files.writeString(f.resolve("notes.txt"), "x");
        SampleIndex index = SampleLibrary.of(List.of(f)).index();
        assertEquals(List.of("a.wav"), index.folders().get(0).files());
    }

    @Test
    void aSessionsClipFolderOffersItsFilesAsClips() throws IOException {
        Path clips = folder("session/clips", "choir swell.wav", "beat.mp3", "notes.txt.wav");
        Files.writeString(clips.resolve("readme.txt"), "x");
        SampleLibrary library = SampleLibrary.none().withClips(clips).withClips(dir.resolve("no-such-folder"));
        SampleIndex index = library.index();
        assertEquals(List.of("beat", "choir swell", "notes.txt"), index.clips());
        assertEquals(441, library.audio("clip:choir swell", 44_100).frames());
        assertTrue(new SampleFinder(index).find("clip:readme").error().contains("its clips are beat, choir swell"));
    }

    @Test
    void theModelIsToldTheNamesItMayPlay() throws IOException {
        Path a = folder("a", "kit/snare.wav", "kit/hat.flac");
        Path b = folder("b", "kit/snare.mp3", "pad.wav");
        SampleLibrary library = SampleLibrary.of(List.of(a, b));
        String note = library.promptNote(300);
        assertTrue(note.contains("kit/hat, kit/snare, pad\n"), note);
        assertTrue(library.promptNote(2).contains("kit/hat, kit/snare, and 1 more"), library.promptNote(2));
        assertEquals("", SampleLibrary.none().promptNote(300), "nothing to add without folders");
    }

    @Test
    void clipsArePlayedByTheirNameAndAreNotFiles() throws IOException {
        Path clipFile = folder("session", "clips/choir.wav").resolve("clips/choir.wav");
        SampleLibrary library = SampleLibrary.none().withClip("choir", clipFile);
        SampleFinder finder = new SampleFinder(library.index());
        assertTrue(finder.find("clip:choir").match().clip());
        assertEquals(441, library.audio("clip:choir", 44_100).frames());
        String error = finder.find("clip:choer").error();
        assertTrue(error.contains("no clip named 'choer' in this session; its clips are choir"), error);
    }
}
