package dev.clocksync.systemtest.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clocksync.systemtest.process.Prerequisites.Lookup;
import dev.clocksync.systemtest.process.Prerequisites.Tool;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** How the system tests find their tools, and what they do without one, locally and in CI. */
class PrerequisitesTest {

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    private Prerequisites prerequisites() {
        return new Prerequisites(environment::get, dir.resolve("project/.tools/bin"), dir.resolve("sbin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "1", "yes", "YES", "Yes", " true "})
    void aTrueIshCiMeansCi(String value) {
        environment.put("CI", value);

        assertThat(prerequisites().isCi()).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "false", "0", "no", "off", "y", "2", "truthy"})
    void anythingElseIsNotCi(String value) {
        environment.put("CI", value);

        assertThat(prerequisites().isCi()).isFalse();
    }

    @Test
    void aMissingToolSkipsLocally() {
        environment.put("CI", "false");

        assertThatThrownBy(() -> prerequisites().check(false, "frobnicator not found (a made-up tool)"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("frobnicator not found (a made-up tool)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "1", "yes"})
    void aMissingToolFailsInCi(String ci) {
        environment.put("CI", ci);

        assertThatThrownBy(() -> prerequisites().check(false, "frobnicator not found (a made-up tool)"))
                .isInstanceOf(AssertionFailedError.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("frobnicator not found (a made-up tool)")
                .hasMessageContaining("CI=" + ci);
    }

    @Test
    void aPresentToolNeitherSkipsNorFails() {
        for (String ci : new String[] {"true", "false"}) {
            environment.put("CI", ci);
            assertThatCode(() -> prerequisites().check(true, "unused")).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @EnumSource(Tool.class)
    void aToolsVariableWinsOverThePath(Tool tool) throws IOException {
        Path configured = executable(dir.resolve("configured"), tool.executable());
        Path onPath = executable(dir.resolve("on-path"), tool.executable());
        environment.put("PATH", onPath.getParent().toString());
        environment.put(tool.variable(), configured.toString());

        assertThat(prerequisites().find(tool).path()).contains(configured);
        assertThat(prerequisites().executableFrom(tool.variable(), tool.executable()))
                .contains(configured);
    }

    @ParameterizedTest
    @EnumSource(Tool.class)
    void aVariableNamingNoExecutableIsReportedNotPassedOverForThePath(Tool tool) throws IOException {
        Path onPath = executable(dir.resolve("on-path"), tool.executable());
        Path notExecutable = Files.createFile(dir.resolve(tool.executable()));
        environment.put("PATH", onPath.getParent().toString());

        for (Path wrong : new Path[] {dir.resolve("absent"), notExecutable, dir}) {
            environment.put(tool.variable(), wrong.toString());

            Lookup lookup = prerequisites().find(tool);

            assertThat(lookup.found()).isFalse();
            assertThat(lookup.problem()).contains(tool.variable() + "=" + wrong, "not an executable file");
            assertThat(prerequisites().executableFrom(tool.variable(), tool.executable()))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Tool.class)
    void withoutItsVariableAToolIsTakenFromThePathInItsOrder(Tool tool) throws IOException {
        Path first = executable(dir.resolve("first"), tool.executable());
        executable(dir.resolve("second"), tool.executable());
        environment.put(tool.variable(), " ");
        environment.put(
                "PATH",
                String.join(
                        File.pathSeparator,
                        "",
                        dir.resolve("empty").toString(),
                        first.getParent().toString(),
                        dir.resolve("second").toString()));

        assertThat(prerequisites().find(tool).path()).contains(first);
    }

    @ParameterizedTest
    @EnumSource(Tool.class)
    void aToolFoundNowhereSaysWhereItWasLookedFor(Tool tool) {
        environment.put("PATH", dir.toString());

        Lookup lookup = prerequisites().find(tool);

        assertThat(lookup.found()).isFalse();
        assertThat(lookup.problem()).contains(tool.executable() + " not found", tool.variable(), "PATH");
    }

    @Test
    void helmAndKubectlAreAlsoFoundInTheProjectsToolsFolder() throws IOException {
        Path helm = executable(dir.resolve("project/.tools/bin"), "helm");
        Path kubectl = executable(dir.resolve("project/.tools/bin"), "kubectl");
        environment.put("PATH", dir.resolve("empty").toString());

        assertThat(prerequisites().find(Tool.HELM).path()).contains(helm);
        assertThat(prerequisites().find(Tool.KUBECTL).path()).contains(kubectl);
        assertThat(prerequisites().find(Tool.PROMETHEUS).found()).isFalse();
    }

    @Test
    void chronydIsAlsoFoundWhereDebianInstallsDaemons() throws IOException {
        Path chronyd = executable(dir.resolve("sbin"), "chronyd");
        executable(dir.resolve("sbin"), "chronyc");
        environment.put("PATH", dir.resolve("empty").toString());

        assertThat(prerequisites().find(Tool.CHRONYD).path()).contains(chronyd);
        assertThat(prerequisites().find(Tool.CHRONYC).found()).isFalse();
    }

    @Test
    void promtoolIsAlsoFoundBesideThePrometheusBinary() throws IOException {
        Path prometheus = executable(dir.resolve("prometheus-2.42"), "prometheus");
        Path promtool = executable(dir.resolve("prometheus-2.42"), "promtool");
        environment.put("PATH", dir.resolve("empty").toString());
        environment.put("PROMETHEUS_BIN", prometheus.toString());

        assertThat(prerequisites().find(Tool.PROMTOOL).path()).contains(promtool);

        Path ownPromtool = executable(dir.resolve("own"), "promtool");
        environment.put("PROMTOOL_BIN", ownPromtool.toString());
        assertThat(prerequisites().find(Tool.PROMTOOL).path()).contains(ownPromtool);
    }

    @ParameterizedTest
    @EnumSource(Tool.class)
    void everyToolsVariableIsExportedByTheCiSetupScripts(Tool tool) throws IOException {
        Pattern export = Pattern.compile("(?m)^\\s*export\\b[^\\n#]*\\b" + tool.variable() + "\\b");
        String scripts;
        try (Stream<Path> files = Files.list(ProjectPaths.root().resolve("scripts/ci"))) {
            scripts = files.filter(f -> f.getFileName().toString().matches("setup-.*\\.sh"))
                    .sorted()
                    .map(PrerequisitesTest::read)
                    .collect(Collectors.joining("\n"));
        }

        assertThat(scripts).isNotBlank();
        assertThat(export.matcher(scripts).find())
                .as("scripts/ci/setup-*.sh export " + tool.variable())
                .isTrue();
    }

    @Test
    void theCiEntryPointSaysItIsCi() throws IOException {
        String run = Files.readString(ProjectPaths.root().resolve(".ci/run"));

        assertThat(run).containsPattern("(?m)^export CI=true$");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path executable(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path file = Files.writeString(folder.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
