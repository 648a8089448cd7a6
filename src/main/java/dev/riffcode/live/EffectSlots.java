package dev.riffcode.live;

import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.score.FxBus;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Which renderer slot each version's effects play into. An effect is "the same effect in the same place" as one of
 * an earlier version when it is opened by the same strand (the main script, or a loop or thread of that name),
 * inside the same parent effect, is of the same kind, and is that strand's n-th such effect there. Such an effect
 * keeps its slot, so its state (a reverb tail) carries on and a changed value glides; any other gets a new slot.
 * Used on the player's thread only.
 */
final class EffectSlots {

    private final LiveRenderer renderer;
    /** Identity key → the slot and the newest version that uses it. */
    private final Map<String, Use> byKey = new HashMap<>();

    private static final class Use {
        final int slot;
        int lastVersion;
        FxBus values;

        Use(int slot, int lastVersion, FxBus values) {
            this.slot = slot;
            this.lastVersion = lastVersion;
            this.values = values;
        }
    }

    /** One version's view: its effect ids → slots. */
    static final class Version {
        final int number;
        private final Map<Integer, Integer> slotOfBus = new HashMap<>();
        private final Map<Integer, String> keyOfBus = new HashMap<>();
        private final Map<String, Integer> ordinals = new HashMap<>();

        Version(int number) {
            this.number = number;
        }

        /** The slot of one of this version's effect ids (0 is the main output); -1 when it has none. */
        int slot(int bus) {
            return bus == 0 ? LiveRenderer.MAIN : slotOfBus.getOrDefault(bus, -1);
        }
    }

    EffectSlots(LiveRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * Gives a version's new effect its slot: the slot of the same effect of an earlier version (gliding to the new
     * values when they differ), or a new one. Returns false when no slot is free.
     */
    boolean define(Version v, FxBus fx) {
        if (v.slotOfBus.containsKey(fx.id())) {
            // The same version installed again after a worker restart defines its effects again.
            return true;
        }
        String parentKey = fx.parent() == 0 ? "" : v.keyOfBus.getOrDefault(fx.parent(), "?");
        String place = fx.strand() + "/" + parentKey + "/" + fx.kind();
        int n = v.ordinals.merge(place, 1, Integer::sum);
        String key = place + "#" + n;
        v.keyOfBus.put(fx.id(), key);
        Use use = byKey.get(key);
        if (use != null) {
            if (!use.values.params().equals(fx.params())) {
                renderer.changeEffect(use.slot, fx);
                use.values = fx;
            }
            use.lastVersion = Math.max(use.lastVersion, v.number);
            v.slotOfBus.put(fx.id(), use.slot);
            return true;
        }
        int parentSlot = v.slot(fx.parent());
        int slot = renderer.addEffect(fx, parentSlot < 0 ? LiveRenderer.MAIN : parentSlot);
        if (slot < 0) {
            return false;
        }
        byKey.put(key, new Use(slot, v.number, fx));
        v.slotOfBus.put(fx.id(), slot);
        return true;
    }

    /** A version is gone: effects no newer version uses ring out and free their slots. */
    void retire(Version v) {
        for (Iterator<Use> it = byKey.values().iterator(); it.hasNext();) {
            Use use = it.next();
            if (use.lastVersion == v.number) {
                renderer.releaseEffect(use.slot);
                it.remove();
            }
        }
    }
}
