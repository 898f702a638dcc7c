package nautilus.autoupdate.cycle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import nautilus.autoupdate.api.ApiModels;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.fix.ModelProof;
import nautilus.autoupdate.fix.Proof;

/**
 * What {@code update} and {@code dispatch} use of their process: the streams, environment and
 * working directory, the output format and colors, and the step printer ({@code steps} makes one
 * when the work starts, so its progress line never runs during the analysis).
 */
public record CommandIo(
    PrintWriter out,
    PrintWriter err,
    Map<String, String> env,
    Path workingDir,
    boolean json,
    boolean color,
    boolean verbose,
    Supplier<StepLog> steps) {

  /**
   * The proof as check's models give it: the target's model, from the cache only when offline or
   * {@code cacheOnly} (a dry run).
   */
  Proof proof(Path root, AutoUpdateConfig cfg, boolean offline, boolean cacheOnly) {
    return ModelProof.of(
        ApiModels.lookup(root, cfg, env, err::println, offline, cacheOnly, verbose), cfg);
  }
}
