package org.opensdv.project;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;

/**
 * Reads a Visual Studio C project: its {@code ClCompile} items and, from every configuration, the
 * {@code AdditionalIncludeDirectories} and {@code PreprocessorDefinitions}. MSBuild macros that can
 * be resolved without MSBuild ({@code $(ProjectDir)}, {@code $(MSBuildThisFileDirectory)} and properties
 * the project itself defines) are; any other {@code $(...)} is reported and that entry skipped.
 */
final class VcxprojReader {
    private static final Pattern MACRO = Pattern.compile("\\$\\(([A-Za-z0-9_.]+)\\)");
    private static final Pattern ITEM_METADATA = Pattern.compile("%\\([A-Za-z]+\\)");

    record Result(List<SourceFile> files, List<Diagnostic> diagnostics) {
    }

    private final Path project;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Set<String> reportedMacros = new LinkedHashSet<>();

    VcxprojReader(Path project) {
        this.project = project;
    }

    Result read(CompilerOptions commandLine) {
        Document doc;
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(project.toFile());
        } catch (SAXParseException e) {
            diagnostics.add(Diagnostic.error(project.toString(), Math.max(e.getLineNumber(), 0),
                    "not a readable Visual Studio project (XML error: " + e.getMessage() + ")"));
            return new Result(List.of(), diagnostics);
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            diagnostics.add(Diagnostic.error(project.toString(), 0, "cannot read project: " + e.getMessage()));
            return new Result(List.of(), diagnostics);
        }
        Path dir = project.toAbsolutePath().getParent();
        String dirText = dir.toString() + "/";
        properties.put("ProjectDir", dirText);
        properties.put("MSBuildThisFileDirectory", dirText);
        properties.put("MSBuildProjectDirectory", dir.toString());
        properties.put("ProjectName", stripExtension(project.getFileName().toString()));
        properties.put("MSBuildProjectName", stripExtension(project.getFileName().toString()));
        collectProperties(doc);

        List<Path> includeDirs = new ArrayList<>();
        Map<String, String> defines = new LinkedHashMap<>();
        NodeList compileSettings = doc.getElementsByTagName("ClCompile");
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < compileSettings.getLength(); i++) {
            Element e = (Element) compileSettings.item(i);
            String include = e.getAttribute("Include");
            if (!include.isEmpty()) {
                String resolved = expand(include);
                if (resolved != null && isCSource(resolved)) {
                    sources.add(dir.resolve(resolved.replace('\\', '/')).normalize());
                }
            }
            for (String value : childTexts(e, "AdditionalIncludeDirectories")) {
                for (String item : splitList(value)) {
                    String resolved = expand(item);
                    if (resolved != null) {
                        Path p = dir.resolve(resolved.replace('\\', '/')).normalize();
                        if (!includeDirs.contains(p)) {
                            includeDirs.add(p);
                        }
                    }
                }
            }
            for (String value : childTexts(e, "PreprocessorDefinitions")) {
                for (String item : splitList(value)) {
                    String resolved = expand(item);
                    if (resolved != null) {
                        var def = CompilerOptions.parseDefine(resolved);
                        defines.putIfAbsent(def.getKey(), def.getValue());
                    }
                }
            }
        }
        if (sources.isEmpty()) {
            diagnostics.add(Diagnostic.warning(project.toString(), 0, "the project lists no C source (ClCompile) files"));
        }
        CompilerOptions options = new CompilerOptions(includeDirs, defines).plus(commandLine);
        List<SourceFile> files = sources.stream()
                .map(p -> new SourceFile(p, options.includeDirs(), options.defines()))
                .toList();
        return new Result(files, diagnostics);
    }

    private void collectProperties(Document doc) {
        NodeList groups = doc.getElementsByTagName("PropertyGroup");
        for (int i = 0; i < groups.getLength(); i++) {
            NodeList children = groups.item(i).getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (children.item(j) instanceof Element prop && prop.getChildNodes().getLength() <= 1) {
                    properties.putIfAbsent(prop.getTagName(), prop.getTextContent().trim());
                }
            }
        }
    }

    private static List<String> childTexts(Element parent, String tag) {
        List<String> out = new ArrayList<>();
        NodeList children = parent.getElementsByTagName(tag);
        for (int i = 0; i < children.getLength(); i++) {
            out.add(children.item(i).getTextContent());
        }
        return out;
    }

    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(";")) {
            String item = part.trim();
            if (!item.isEmpty() && !ITEM_METADATA.matcher(item).matches()) {
                out.add(item);
            }
        }
        return out;
    }

    /** Expands $(...) macros; returns null (and reports once) when one cannot be resolved here. */
    private String expand(String text) {
        String current = text;
        for (int depth = 0; depth < 8; depth++) {
            Matcher m = MACRO.matcher(current);
            if (!m.find()) {
                return ITEM_METADATA.matcher(current).replaceAll("");
            }
            StringBuilder sb = new StringBuilder();
            m.reset();
            while (m.find()) {
                String value = properties.get(m.group(1));
                if (value == null) {
                    if (reportedMacros.add(m.group(1))) {
                        diagnostics.add(Diagnostic.warning(project.toString(), 0, "MSBuild macro $(" + m.group(1)
                                + ") cannot be resolved without MSBuild; entries using it are skipped: " + text));
                    }
                    return null;
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            current = sb.toString();
        }
        return null;
    }

    private static boolean isCSource(String name) {
        return name.toLowerCase().endsWith(".c");
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
