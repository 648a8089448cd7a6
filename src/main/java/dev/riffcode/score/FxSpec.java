package dev.riffcode.score;

import java.util.List;

/** An effect a script can use with {@code with with_fx(name, **opts):}. */
public record FxSpec(String name, String doc, List<ParamSpec> params) {

    public FxSpec {
        params = List.copyOf(params);
    }

    public ParamSpec param(String option) {
        for (ParamSpec p : params) {
            if (p.name().equals(option)) {
                return p;
            }
        }
        return null;
    }
}
