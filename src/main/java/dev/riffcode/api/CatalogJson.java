package dev.riffcode.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riffcode.music.Chords;
import dev.riffcode.music.Scales;
import dev.riffcode.score.Catalog;
import dev.riffcode.score.PortSpec;
import dev.riffcode.score.UnitTypeSpec;

/**
 * The catalogue as the JSON the Python module reads at start-up (names, docs, unit ports). It holds
 * only strings, numbers, lists and objects (no true/false/null), so Python reads it as a literal.
 */
public final class CatalogJson {

    private CatalogJson() {
    }

    public static String build() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode synths = root.putArray("synths");
        Catalog.synthNames().forEach(synths::add);
        ObjectNode aliases = root.putObject("synth_aliases");
        Catalog.SYNTH_ALIASES.forEach(aliases::put);
        ArrayNode fx = root.putArray("fx");
        Catalog.fxNames().forEach(fx::add);
        ArrayNode scales = root.putArray("scales");
        Scales.names().forEach(scales::add);
        ArrayNode chords = root.putArray("chords");
        Chords.names().forEach(chords::add);
        ObjectNode units = root.putObject("units");
        for (UnitTypeSpec u : Catalog.UNITS) {
            ObjectNode node = units.putObject(u.name());
            node.put("doc", u.doc());
            ObjectNode ports = node.putObject("ports");
            for (PortSpec p : u.ports()) {
                ObjectNode pn = ports.putObject(p.name());
                pn.put("direction", p.direction().name());
                pn.put("parts", p.parts());
                pn.put("default", p.defaultValue());
                pn.put("doc", p.doc());
            }
        }
        return root.toString();
    }
}
