package org.opensdv.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a clang-style {@code compile_commands.json}: each entry's file, -I/-D (and MSVC's /I, /D). */
final class CompileCommandsReader {
    record Result(List<SourceFile> files, List<Diagnostic> diagnostics) {
    }

    static Result read(Path json, CompilerOptions commandLine) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<SourceFile> files = new ArrayList<>();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(json));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            diagnostics.add(Diagnostic.error(json.toString(), line, "not valid JSON: " + e.getOriginalMessage()));
            return new Result(files, diagnostics);
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(json.toString(), 0, "cannot read: " + e.getMessage()));
            return new Result(files, diagnostics);
        }
        if (root == null || !root.isArray()) {
            diagnostics.add(Diagnostic.error(json.toString(), 1, "a compilation database must be a JSON array"));
            return new Result(files, diagnostics);
        }
        Path base = json.toAbsolutePath().getParent();
        int index = 0;
        for (JsonNode entry : root) {
            index++;
            String file = entry.path("file").asText("");
            if (file.isEmpty()) {
                diagnostics.add(Diagnostic.warning(json.toString(), 0, "entry " + index + " has no \"file\"; skipped"));
                continue;
            }
            Path dir = base.resolve(entry.path("directory").asText("."));
            Path source = dir.resolve(file.replace('\\', '/')).normalize();
            if (!source.getFileName().toString().toLowerCase().endsWith(".c")) {
                continue;
            }
            List<String> args = new ArrayList<>();
            if (entry.has("arguments")) {
                entry.get("arguments").forEach(a -> args.add(a.asText()));
            } else {
                args.addAll(splitCommand(entry.path("command").asText("")));
            }
            List<Path> includes = new ArrayList<>();
            Map<String, String> defines = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String value = null;
                boolean isInclude = a.startsWith("-I") || a.startsWith("/I");
                boolean isDefine = a.startsWith("-D") || a.startsWith("/D");
                if (isInclude || isDefine) {
                    value = a.length() > 2 ? a.substring(2) : (i + 1 < args.size() ? args.get(++i) : null);
                }
                if (value == null) {
                    continue;
                }
                if (isInclude) {
                    includes.add(dir.resolve(value.replace('\\', '/')).normalize());
                } else {
                    var def = CompilerOptions.parseDefine(value);
                    defines.put(def.getKey(), def.getValue());
                }
            }
            CompilerOptions options = new CompilerOptions(includes, defines).plus(commandLine);
            files.add(new SourceFile(source, options.includeDirs(), options.defines()));
        }
        return new Result(files, diagnostics);
    }

    /** Splits a shell-style command line, honouring double and single quotes. */
    static List<String> splitCommand(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()
                        && (command.charAt(i + 1) == '"' || command.charAt(i + 1) == '\\')) {
                    cur.append(command.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }
}
