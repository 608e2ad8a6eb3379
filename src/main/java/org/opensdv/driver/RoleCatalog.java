package org.opensdv.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the system's entry points are declared and registered, which calls stop the system, which
 * fill memory, which return a new object and which return a pointer to a file's data through an
 * out-parameter (roles.json): WDK and C library facts, as data.
 */
record RoleCatalog(
        String entryFunction,
        Map<String, String> declaredTypes,
        Map<String, String> registeredFields,
        Map<String, RegisteringCall> registeringCalls,
        Set<String> holdingTypes,
        Set<String> holdingFields,
        Map<String, Map<String, String>> dispatchPaths,
        Set<String> bugChecks,
        Map<String, DriverModel.Fill> memoryFills,
        Set<String> allocators,
        Map<String, Integer> dataBuffers) {

    record RegisteringCall(String function, int argument, String role) {
    }

    static RoleCatalog load() {
        try (InputStream in = RoleCatalog.class.getResourceAsStream("roles.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, RegisteringCall> calls = new HashMap<>();
            for (JsonNode c : root.get("registeringCalls")) {
                var call = new RegisteringCall(c.get("function").asText(), c.get("argument").asInt(),
                        c.get("role").asText());
                calls.put(call.function(), call);
            }
            Map<String, DriverModel.Fill> fills = new HashMap<>();
            root.get("memoryFills").fields().forEachRemaining(e -> fills.put(e.getKey(), new DriverModel.Fill(
                    e.getValue().get("destination").asInt(), e.getValue().path("fill").asInt(-1),
                    e.getValue().path("source").asInt(-1))));
            Map<String, Map<String, String>> paths = new HashMap<>();
            root.get("dispatchPaths").fields().forEachRemaining(e -> paths.put(e.getKey(), strings(e.getValue())));
            return new RoleCatalog(root.get("entryFunction").asText(), strings(root.get("declaredTypes")),
                    strings(root.get("registeredFields")), calls,
                    set(root.get("holdingByContract").get("types")),
                    set(root.get("holdingByContract").get("fields")), paths, set(root.get("bugChecks")), fills,
                    set(root.get("allocators")), integers(root.get("dataBuffers")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> integers(JsonNode node) {
        Map<String, Integer> m = new HashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asInt()));
        return m;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static Set<String> set(JsonNode node) {
        Set<String> s = new HashSet<>();
        node.forEach(n -> s.add(n.asText()));
        return s;
    }

    static List<String> roleAnnotations() {
        return List.of("_Function_class_", "__drv_functionClass");
    }
}
