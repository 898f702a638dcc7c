package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.config.AutoUpdateConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan covers the project whose pin is updated: a folder with a project file of its own is a
 * separate project, left out and named in {@code unread}; what {@code exclude} names is left out.
 */
class ScanScopeTest {
  private static final String PKG = "nautilus_trader";
  private static final String USE = "from nautilus_trader.model.enums import OrderSide\n";
  private static final String PROJECT =
      "[project]\nname = \"ops\"\ndependencies = [\"nautilus_trader==1.222.0\"]\n";

  @TempDir Path tmp;

  private CodeBase scan(ScanScope scope) {
    return new CodeScanner(1).scan(tmp, scope, PKG, null, Interest.ALL, 1 << 20);
  }

  private static List<String> paths(CodeBase code) {
    return code.files().stream().map(FileUses::path).toList();
  }

  @Test
  void aNestedCopyWithItsOwnProjectIsSkippedAndNamedOnceAtItsOutermostFolder() {
    write("pyproject.toml", PROJECT);
    write("strategy/a.py", USE);
    // A copy of the repository inside itself, with copies of copies (its own pins).
    write("public-repo/pyproject.toml", PROJECT);
    write("public-repo/strategy/a.py", USE);
    write("public-repo/public-repo/pyproject.toml", PROJECT);
    write("public-repo/public-repo/strategy/a.py", USE);
    // Tool settings alone make no project: that folder is ours.
    write("tools/pyproject.toml", "[tool.ruff]\nline-length = 100\n");
    write("tools/b.py", USE);

    CodeBase code = scan(ScanScope.of(List.of(".")));

    assertThat(paths(code)).containsExactly("strategy/a.py", "tools/b.py");
    assertThat(code.unread())
        .containsExactly(
            new UnreadFile(
                "public-repo/",
                "a separate project (its own pyproject.toml with [project]): not scanned",
                false));
  }

  @Test
  void setupFilesAndAPinAloneMakeAProjectAndCopiesOfVenvsAreSkippedUnderGit() {
    write("requirements.txt", "nautilus_trader==1.222.0\n");
    write("main.py", USE);
    write("legacy/setup.py", "from setuptools import setup\nsetup(name='x')\n");
    write("legacy/x.py", USE);
    write("cfgpkg/setup.cfg", "[metadata]\nname = y\n");
    write("cfgpkg/y.py", USE);
    write("pinned/pyproject.toml", "[dependency-groups]\ndev = [\"nautilus-trader>=1.200\"]\n");
    write("pinned/z.py", USE);
    // A Cython build script that is no setup() call is not a project.
    write("ext/setup.py", "print('build')\n");
    write("ext/e.py", USE);
    // An untracked virtualenv that no .gitignore names: git lists it, the scan must not read it.
    write("env/pyvenv.cfg", "home = /usr/bin\n");
    write("env/lib/python3.12/nt/m.py", USE);
    GitRepos.git(tmp, "init", "-q");

    CodeBase code = scan(ScanScope.of(List.of(".")));

    assertThat(paths(code)).containsExactly("ext/e.py", "main.py");
    assertThat(code.unread())
        .extracting(UnreadFile::path, UnreadFile::mayUsePackage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cfgpkg/", false),
            org.assertj.core.groups.Tuple.tuple("legacy/", false),
            org.assertj.core.groups.Tuple.tuple("pinned/", false));
    assertThat(code.unread().get(2).reason()).contains("pyproject.toml that pins the package");
  }

  @Test
  void aCopyOfThePackageItselfIsUpstreamsCodeNotOursUnlessTheProjectIsThePackage() {
    write("pyproject.toml", PROJECT);
    write("strategy/a.py", USE);
    // A fork of the package kept beside our code, at the root and deeper.
    write("nautilus_trader/__init__.py", "");
    write("nautilus_trader/adapters/binance/client.py", USE);
    write("vendor/nautilus_trader/__init__.py", "");
    write("vendor/nautilus_trader/model/x.py", USE);
    // A module of ours that merely shares the name is no package.
    write("tools/nautilus_trader.py", USE);

    CodeBase code = scan(ScanScope.of(List.of(".")));

    assertThat(paths(code)).containsExactly("strategy/a.py", "tools/nautilus_trader.py");
    assertThat(code.unread())
        .extracting(UnreadFile::path, UnreadFile::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "nautilus_trader/",
                "a copy of nautilus_trader itself (upstream's code, not ours): not scanned"),
            org.assertj.core.groups.Tuple.tuple(
                "vendor/nautilus_trader/",
                "a copy of nautilus_trader itself (upstream's code, not ours): not scanned"));

    // Upstream's own repository: the package is the project.
    write("pyproject.toml", "[project]\nname = \"nautilus_trader\"\nversion = \"1.0\"\n");
    assertThat(paths(scan(ScanScope.of(List.of(".")))))
        .contains("nautilus_trader/adapters/binance/client.py");
  }

  @Test
  void theProjectIsTheFolderOfPyprojectPathAsForThePin() {
    write("app/pyproject.toml", PROJECT);
    write("app/src/a.py", USE);
    write("other/pyproject.toml", PROJECT);
    write("other/b.py", USE);
    write("scripts/run.py", USE);
    AutoUpdateConfig cfg = AutoUpdateConfig.defaults().with("pyproject_path", "app/pyproject.toml");

    CodeBase code = scan(ScanScope.of(cfg));

    // app/ is the project (it holds the pin), not a nested one; its sibling is another project.
    assertThat(paths(code)).containsExactly("app/src/a.py", "scripts/run.py");
    assertThat(code.unread()).extracting(UnreadFile::path).containsExactly("other/");
  }

  @Test
  void workspaceMembersPathDependenciesAndNamedSourceDirsAreOurs() {
    write(
        "pyproject.toml",
        PROJECT
            + "[tool.uv.workspace]\nmembers = [\"packages/*\"]\nexclude = [\"packages/old\"]\n"
            + "[tool.uv.sources]\nlib = { path = \"libs/lib\" }\n");
    write("packages/core/pyproject.toml", PROJECT);
    write("packages/core/c.py", USE);
    write("packages/old/pyproject.toml", PROJECT);
    write("packages/old/o.py", USE);
    write("libs/lib/pyproject.toml", PROJECT);
    write("libs/lib/l.py", USE);
    write("examples/pyproject.toml", PROJECT);
    write("examples/e.py", USE);

    CodeBase code = scan(new ScanScope(List.of(".", "examples"), "", List.of()));

    assertThat(paths(code)).containsExactly("examples/e.py", "libs/lib/l.py", "packages/core/c.py");
    assertThat(code.unread()).extracting(UnreadFile::path).containsExactly("packages/old/");
  }

  @Test
  void excludeGlobsLeaveOutFoldersAndFilesSilently() {
    write("pyproject.toml", PROJECT);
    write("a.py", USE);
    write("research/old/b.py", USE);
    write("strategy/c_old.py", USE);
    write("strategy/c.py", USE);

    CodeBase code = scan(new ScanScope(List.of("."), "", List.of("research/", "*_old.py")));

    assertThat(paths(code)).containsExactly("a.py", "strategy/c.py");
    assertThat(code.unread()).isEmpty();
  }

  @Test
  void withNoProjectFileAtTheProjectFolderNothingIsTakenForASeparateProject() {
    write("a.py", USE);
    write("sub/pyproject.toml", PROJECT);
    write("sub/b.py", USE);

    CodeBase code = scan(ScanScope.of(List.of(".")));

    assertThat(paths(code)).containsExactly("a.py", "sub/b.py");
    assertThat(code.unread()).isEmpty();
  }

  private void write(String rel, String text) {
    GitRepos.write(tmp.resolve(rel), text);
  }
}
