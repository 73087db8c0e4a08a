package io.scstbus.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A clone of the repository builds, tests and documents itself with nothing beside it: no source,
 * script, build file or document reaches outside the clone for data, and every {@code testdata/}
 * path that a test, a {@code --help} text or a document names exists.
 */
class RepositoryStandsAloneTest {

    /** Folders that hold build output, caches or run output, not the repository's own files. */
    private static final Set<String> NOT_SOURCES = Set.of(".git", "target", "node_modules", "data-dir", "runs",
            "checkpoints", "reports", "__pycache__", ".venv", "build", "dist");

    /** Built from parts so that this file does not find itself. */
    private static final String OUTSIDE = ".." + "/" + "shared";

    private static final Pattern TEST_DATA_PATH = Pattern.compile("testdata/[A-Za-z0-9_./-]*[A-Za-z0-9_]");

    private static Path repository;
    private static List<Path> textFiles;

    @BeforeAll
    static void listFiles() throws IOException {
        repository = TestData.root().getParent();
        textFiles = new ArrayList<>();
        Files.walkFileTree(repository, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir,
                    BasicFileAttributes attrs) {
                boolean skip = !dir.equals(repository) && (NOT_SOURCES.contains(dir.getFileName().toString())
                        || dir.equals(repository.resolve("testdata")));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file,
                    BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && attrs.size() < 2_000_000) {
                    textFiles.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertTrue(textFiles.size() > 100, "expected the repository's files under " + repository);
    }

    private static String textOf(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            return "";
        }
    }

    @Test
    void noFileReachesOutsideTheClone() throws IOException {
        Set<String> offenders = new TreeSet<>();
        for (Path file : textFiles) {
            if (textOf(file).contains(OUTSIDE)) {
                offenders.add(repository.relativize(file).toString());
            }
        }
        assertEquals(Set.of(), offenders, "files that refer to " + OUTSIDE + ", which a clone does not have");
    }

    @Test
    void everyNamedTestDataPathExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        int named = 0;
        for (Path file : textFiles) {
            Matcher m = TEST_DATA_PATH.matcher(textOf(file));
            while (m.find()) {
                named++;
                if (!Files.exists(repository.resolve(m.group()))) {
                    missing.add(m.group() + " (named in " + repository.relativize(file) + ")");
                }
            }
        }
        assertTrue(named > 10, "expected the docs and help texts to name testdata files, found " + named);
        assertEquals(Set.of(), missing, "testdata paths that do not exist in the clone");
    }

    @Test
    void testDataReadmeDescribesEveryFolder() throws IOException {
        String readme = Files.readString(repository.resolve("testdata/README.md"));
        try (Stream<Path> folders = Files.list(repository.resolve("testdata"))) {
            folders.filter(Files::isDirectory).forEach(folder -> assertTrue(
                    readme.contains("`" + folder.getFileName() + "/"),
                    "testdata/README.md says nothing of " + folder.getFileName() + "/ (origin and licence)"));
        }
    }
}
