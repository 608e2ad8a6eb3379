package org.opensdv.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The rules that ship with OpenSDV, loaded from their JSON specs beside this class. */
public final class RuleCatalog {
    /** The shipped rules, in the order they are reported. */
    private static final List<String> SHIPPED = List.of("ExclusiveResourceAccess");

    private final List<RuleSpec> rules;

    private RuleCatalog(List<RuleSpec> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RuleCatalog shipped() {
        return of(SHIPPED);
    }

    /** The shipped rules' identifiers, known without reading their specs. */
    public static List<String> shippedIds() {
        return SHIPPED;
    }

    /** The shipped rules with these identifiers, in the order given. */
    public static RuleCatalog of(List<String> ids) {
        List<RuleSpec> rules = new ArrayList<>();
        for (String id : ids) {
            if (!SHIPPED.contains(id)) {
                throw new IllegalArgumentException("not a shipped rule: " + id);
            }
            rules.add(load(id));
        }
        return new RuleCatalog(rules);
    }

    public List<RuleSpec> rules() {
        return rules;
    }

    public Optional<RuleSpec> byId(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    static RuleSpec load(String id) {
        try (InputStream in = RuleCatalog.class.getResourceAsStream(id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("rule spec missing: " + id);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule spec " + id, e);
        }
    }

    /** Parses a spec; unknown words are errors, so a typo in a spec fails loudly in tests. */
    public static RuleSpec parse(JsonNode root) {
        List<RuleSpec.Event> events = new ArrayList<>();
        for (JsonNode e : root.path("events")) {
            events.add(new RuleSpec.Event(
                    require(e, "function").asText(),
                    enumOf(RuleSpec.Action.class, require(e, "action").asText()),
                    e.path("object").asInt(0),
                    e.has("mode") ? enumOf(RuleSpec.Mode.class, e.get("mode").asText()) : null,
                    e.has("success") ? enumOf(RuleSpec.Success.class, e.get("success").asText()) : null,
                    e.has("waitArgument") ? e.get("waitArgument").asInt() : null,
                    e.has("ownerArgument") ? e.get("ownerArgument").asInt() : null));
        }
        List<String> owners = new ArrayList<>();
        root.path("currentOwner").forEach(n -> owners.add(n.asText()));
        List<RuleSpec.DefectSpec> defects = new ArrayList<>();
        for (JsonNode d : root.path("defects")) {
            List<RuleSpec.Mode> heldAs = new ArrayList<>();
            d.path("heldAs").forEach(m -> heldAs.add(enumOf(RuleSpec.Mode.class, m.asText())));
            defects.add(new RuleSpec.DefectSpec(
                    require(d, "kind").asText(),
                    enumOf(RuleSpec.Trigger.class, require(d, "on").asText()),
                    d.has("acquiredAs") ? enumOf(RuleSpec.Mode.class, d.get("acquiredAs").asText()) : null,
                    heldAs,
                    require(d, "message").asText()));
        }
        String help = root.path("help").asText("");
        List<String> tags = new ArrayList<>();
        require(root, "tags").forEach(t -> tags.add(t.asText()));
        RuleSpec.Metadata metadata = new RuleSpec.Metadata(require(root, "fullDescription").asText(),
                oneOf(require(root, "level").asText(), "error", "warning", "note"),
                oneOf(require(root, "precision").asText(), "very-high", "high", "medium", "low"), List.copyOf(tags));
        return new RuleSpec(require(root, "id").asText(), root.path("name").asText(),
                require(root, "shortDescription").asText(), root.path("objectName").asText("object"), help,
                events, owners, defects, help.isEmpty() ? "" : helpText(help), metadata);
    }

    private static String helpText(String resource) {
        try (InputStream in = RuleCatalog.class.getResourceAsStream(resource)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String oneOf(String word, String... allowed) {
        if (!List.of(allowed).contains(word)) {
            throw new IllegalArgumentException("rule spec: \"" + word + "\" is not one of " + List.of(allowed));
        }
        return word;
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new IllegalArgumentException("rule spec: missing \"" + field + "\" in " + node);
        }
        return v;
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String word) {
        return Enum.valueOf(type, word.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
