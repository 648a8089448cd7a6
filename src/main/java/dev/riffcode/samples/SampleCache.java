package dev.riffcode.samples;

import dev.riffcode.audio.AudioClip;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded samples, kept so that a sample a loop plays a thousand times is decoded once. A file is known by its real
 * path, modification time and size (an edited file is decoded again) and the rate it was converted to. The least
 * recently used are dropped once the cache holds more than its budget.
 */
final class SampleCache {

    /** What one decoded file is known by. */
    record Key(Path realPath, long modified, long size, int rate) {
    }

    interface Loader {
        AudioClip load() throws SampleException;
    }

    private final long budgetBytes;
    private final LinkedHashMap<Key, AudioClip> clips = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long decodes;

    SampleCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    synchronized AudioClip get(Key key, Loader loader) throws SampleException {
        AudioClip clip = clips.get(key);
        if (clip != null) {
            return clip;
        }
        clip = loader.load();
        decodes++;
        clips.put(key, clip);
        bytes += size(clip);
        // Never drop the clip just loaded, however big: it is about to be played.
        for (Iterator<Map.Entry<Key, AudioClip>> it = clips.entrySet().iterator(); bytes > budgetBytes && it.hasNext();) {
            Map.Entry<Key, AudioClip> oldest = it.next();
            if (oldest.getKey().equals(key)) {
                continue;
            }
            bytes -= size(oldest.getValue());
            it.remove();
        }
        return clip;
    }

    /** How many times a file was decoded (for tests and the benchmark). */
    synchronized long decodes() {
        return decodes;
    }

    private static long size(AudioClip clip) {
        return 4L * clip.channelCount() * clip.frames();
    }
}
