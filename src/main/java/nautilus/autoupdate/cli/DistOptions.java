package nautilus.autoupdate.cli;

import java.nio.file.Path;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.git.StateDirs;
import picocli.CommandLine.Option;

/** {@code api-diff}'s options for where the distributions come from and are cached. */
final class DistOptions {
  @Option(
      names = "--package",
      paramLabel = "NAME",
      description = "The distribution to compare (default: ${DEFAULT-VALUE}).",
      defaultValue = "nautilus_trader")
  String packageName;

  @Option(
      names = "--dist-dir",
      paramLabel = "DIR",
      description =
          "Read wheels/sdists from this folder instead of the package index (offline use);"
              + " files are named as on PyPI, e.g. nautilus_trader-1.220.0-cp311-...whl.")
  Path distDir;

  @Option(
      names = "--source",
      paramLabel = "DIR",
      description =
          "A source tree of the --to release (e.g. the unpacked tag archive); its .py/.pyx/.pxd"
              + " add to what the distribution shows.")
  Path source;

  @Option(
      names = "--introspect",
      negatable = true,
      description =
          "--introspect installs each version into a virtualenv under the state directory and"
              + " reads its runtime API; --no-introspect never does. Default: only for compiled"
              + " modules that ship no source.")
  Boolean introspect;

  @Option(
      names = "--index-url",
      paramLabel = "URL",
      description =
          "The package index (PEP 691/503 simple index or PyPI JSON base). Default: UV_INDEX_URL,"
              + " PIP_INDEX_URL, else https://pypi.org/simple.")
  String indexUrl;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where distributions, snapshots and virtualenvs are cached (default: the state_dir"
              + " default, .nautilus-autoupdate inside the git dir of the current directory).")
  Path stateDir;

  Path stateDir(Path wd, AutoUpdateConfig config) {
    return stateDir != null ? wd.resolve(stateDir) : StateDirs.resolve(wd, config.stateDir());
  }
}
