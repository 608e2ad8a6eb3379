package org.opensdv.frontend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.NullLogService;
import org.eclipse.core.runtime.CoreException;
import org.opensdv.project.SourceFile;

/** Parses one translation unit with CDT's GNU C parser, the prelude force-included. */
public final class CdtParser {
    /**
     * Macros the MSVC x64 kernel-mode compiler predefines and that driver code and headers test.
     * {@code _MSC_VER} is not among them: with it, real headers take MSVC-only paths. {@code __GNUC__}
     * is: the only free DDK headers (mingw-w64) require a compiler they know, and their GNU paths use
     * attributes and builtins that CDT's GNU parser reads.
     */
    private static final Map<String, String> TARGET_MACROS = Map.ofEntries(
            Map.entry("_WIN32", "1"), Map.entry("_WIN64", "1"), Map.entry("_AMD64_", "1"),
            Map.entry("_M_AMD64", "100"), Map.entry("_M_X64", "100"), Map.entry("_KERNEL_MODE", "1"),
            Map.entry("__x86_64__", "1"), Map.entry("_INTEGRAL_MAX_BITS", "64"), Map.entry("__GNUC__", "4"),
            Map.entry("__GNUC_MINOR__", "8"), Map.entry("__SIZEOF_INT128__", "16"));
    private static final int OPTIONS = ILanguage.OPTION_NO_IMAGE_LOCATIONS
            | ILanguage.OPTION_SKIP_TRIVIAL_EXPRESSIONS_IN_AGGREGATE_INITIALIZERS;

    private final SourceCache cache;
    private final IncludeResolver resolver;

    public CdtParser(SourceCache cache, IncludeResolver resolver) {
        this.cache = cache;
        this.resolver = resolver;
    }

    /**
     * Parses {@code text} as the file {@code source}. Include search: the including file's folder
     * (quoted includes), then the file's include directories, then {@code fallbackDirs} (the input
     * folders), then the prelude's virtual folder.
     */
    public IASTTranslationUnit parse(SourceFile source, SourceText text, List<Path> fallbackDirs) throws CoreException {
        List<String> includePath = new ArrayList<>();
        source.includeDirs().forEach(d -> includePath.add(d.toString()));
        fallbackDirs.stream().map(Path::toString).filter(d -> !includePath.contains(d)).forEach(includePath::add);
        includePath.add(Prelude.DIR);
        Map<String, String> macros = new LinkedHashMap<>(TARGET_MACROS);
        macros.putAll(source.defines());
        var info = new ExtendedScannerInfo(macros, includePath.toArray(String[]::new), null,
                new String[] {Prelude.DIALECT});
        FileContent content = FileContent.create(source.path().toString(), text.charsForParser());
        var provider = new DriverFileContentProvider(cache, resolver);
        return GCCLanguage.getDefault().getASTTranslationUnit(content, info, provider, null, OPTIONS,
                new NullLogService());
    }
}
