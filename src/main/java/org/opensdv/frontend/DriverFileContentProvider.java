package org.opensdv.frontend;

import java.nio.file.Path;
import org.eclipse.cdt.core.index.IIndexFileLocation;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.internal.core.parser.IMacroDictionary;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContent;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContentProvider;

/**
 * Serves included files to CDT's preprocessor: from disk through the Windows-style
 * {@link IncludeResolver}, and the prelude from its virtual folder. CDT's stock providers need an
 * Eclipse workspace; this one needs only the {@link SourceCache} shared by the run.
 */
final class DriverFileContentProvider extends InternalFileContentProvider {
    private final SourceCache cache;
    private final IncludeResolver resolver;

    DriverFileContentProvider(SourceCache cache, IncludeResolver resolver) {
        this.cache = cache;
        this.resolver = resolver;
    }

    @Override
    public boolean getInclusionExists(String path) {
        if (Prelude.isPreludePath(path)) {
            return Prelude.contentFor(path) != null;
        }
        Path real = resolver.resolve(path);
        return real != null && cache.get(real).text() != null;
    }

    @Override
    public InternalFileContent getContentForInclusion(String path, IMacroDictionary macroDictionary) {
        if (Prelude.isPreludePath(path)) {
            String text = Prelude.contentFor(path);
            return text == null ? null : (InternalFileContent) FileContent.create(path, text.toCharArray());
        }
        Path real = resolver.resolve(path);
        if (real == null) {
            return null;
        }
        SourceText text = cache.get(real).text();
        return text == null ? null : (InternalFileContent) FileContent.create(real.toString(), text.charsForParser());
    }

    @Override
    public InternalFileContent getContentForInclusion(IIndexFileLocation location, String astPath) {
        return astPath == null ? null : getContentForInclusion(astPath, null);
    }
}
